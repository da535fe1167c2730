/**
 * Verification of a Sigstore export (spec/attestation.md §4). The signature is checked by
 * @sigstore/verify alone, with public-key trust material built from the trust file (no Fulcio
 * roots, no Rekor, no timestamp authorities: thresholds 0). When the ProvenanceBundle is given
 * too, it is verified with @xprov/verifier and the Statement must equal the one derived from it
 * (every subject digest, the permit, the outcome and the receipts). Never throws on input: the
 * Sigstore bundle, the Statement and the ProvenanceBundle are all attacker-controlled.
 */
import { PublicKeyDetails } from '@sigstore/protobuf-specs';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
import { XprovError, jcs } from '@xprov/format';
import { type Check, type Verdict, type VerifyOptions, verdictOf, verifyBundle } from '@xprov/verifier';
import { INTEROP_CODES } from './codes.js';
import { ed25519Spki, readTrustFile, trustedAttestationKeys } from './keys.js';
import { SIGSTORE_BUNDLE_V03_MEDIA_TYPE } from './media-types.js';
import { readProvenanceBundle } from './provenance-bundle.js';
import { IN_TOTO_PAYLOAD_TYPE, assertExecuted, buildStatement, parseStatement, type ExecutionStatement } from './statement.js';

export interface SigstoreVerifyOptions {
  /** Extra attestation keys `{hint: publicKeyMultibase}` (e.g. a did:web governor's key). */
  keys?: Record<string, string>;
  verifyOptions?: VerifyOptions;
}

export interface SigstoreVerification {
  verdict: Verdict;
  checks: Check[];
  /** The verified Statement (present once its signature verified). */
  statement?: ExecutionStatement;
  /** The key hint that signed. */
  signer?: string;
}

const EMPTY_TRUSTED_ROOT = {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [],
  certificateAuthorities: [],
  ctlogs: [],
  timestampAuthorities: [],
};

/** The first path where two JSON values differ, for a useful mismatch message. */
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (jcs(a) === jcs(b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`);
      if (d !== undefined) return d;
    }
  }
  return path || '/';
}

function sigstoreMaterial(bundle: Bundle): { hint: string; payload: Buffer; payloadType: string } {
  if (bundle.mediaType !== SIGSTORE_BUNDLE_V03_MEDIA_TYPE) {
    throw new XprovError(INTEROP_CODES.ATTESTATION_MALFORMED, `expected a ${SIGSTORE_BUNDLE_V03_MEDIA_TYPE} bundle`);
  }
  if (bundle.content.$case !== 'dsseEnvelope') throw new XprovError(INTEROP_CODES.ATTESTATION_MALFORMED, 'expected a DSSE envelope');
  const vm = bundle.verificationMaterial.content;
  if (vm.$case !== 'publicKey') throw new XprovError(INTEROP_CODES.ATTESTATION_MALFORMED, 'expected a public-key hint');
  const env = bundle.content.dsseEnvelope;
  if (env.signatures.length !== 1) throw new XprovError(INTEROP_CODES.ATTESTATION_MALFORMED, 'expected exactly one DSSE signature');
  return { hint: vm.publicKey.hint, payload: env.payload, payloadType: env.payloadType };
}

function fail(checks: Check[], id: string, e: unknown, fallback: string): SigstoreVerification {
  const code = e instanceof XprovError ? e.code : fallback;
  const message = e instanceof Error ? e.message : String(e);
  checks.push({ id, code, ok: false, message });
  return { verdict: verdictOf(checks), checks };
}

/**
 * Checks, in order (spec/attestation.md §4): A1 trust file, A2 bundle shape, A3 key trusted,
 * A4 signature (@sigstore/verify), A5 Statement schema, then with a ProvenanceBundle: A6 the
 * bundle verifies, A7 the Statement matches it.
 */
export async function verifySigstoreExport(
  sigstoreBundle: unknown,
  trust: unknown,
  provenanceBundle?: unknown,
  options: SigstoreVerifyOptions = {},
): Promise<SigstoreVerification> {
  const checks: Check[] = [];
  let keys: Map<string, Uint8Array>;
  try {
    keys = trustedAttestationKeys(readTrustFile(trust), options.keys);
    checks.push({ id: 'A1', code: INTEROP_CODES.TRUST_INVALID, ok: true, message: 'the trust file is a TrustFile' });
  } catch (e) {
    return fail(checks, 'A1', e, INTEROP_CODES.TRUST_INVALID);
  }
  let bundle: Bundle;
  let material: ReturnType<typeof sigstoreMaterial>;
  try {
    bundle = bundleFromJSON(sigstoreBundle);
    material = sigstoreMaterial(bundle);
    checks.push({ id: 'A2', code: INTEROP_CODES.ATTESTATION_MALFORMED, ok: true, message: 'a Sigstore v0.3 DSSE bundle with a public-key hint' });
  } catch (e) {
    return fail(checks, 'A2', e, INTEROP_CODES.ATTESTATION_MALFORMED);
  }
  const key = keys.get(material.hint);
  if (!key) {
    const message = `key hint ${JSON.stringify(material.hint)} is not a trusted governor's key`;
    return fail(checks, 'A3', new XprovError(INTEROP_CODES.ATTESTATION_KEY_UNTRUSTED, message), '');
  }
  checks.push({ id: 'A3', code: INTEROP_CODES.ATTESTATION_KEY_UNTRUSTED, ok: true, message: `signed by ${material.hint}` });
  try {
    const trustMaterial = toTrustMaterial(EMPTY_TRUSTED_ROOT as never, {
      [material.hint]: { rawBytes: Buffer.from(ed25519Spki(key)), keyDetails: PublicKeyDetails.PKIX_ED25519 },
    });
    const verifier = new Verifier(trustMaterial, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
    verifier.verify(toSignedEntity(bundle));
    checks.push({ id: 'A4', code: INTEROP_CODES.ATTESTATION_SIGNATURE, ok: true, message: 'the DSSE signature verifies (@sigstore/verify)' });
  } catch (e) {
    return fail(checks, 'A4', new XprovError(INTEROP_CODES.ATTESTATION_SIGNATURE, `@sigstore/verify: ${(e as Error).message}`), '');
  }
  let statement: ExecutionStatement;
  try {
    if (material.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
      throw new XprovError(INTEROP_CODES.ATTESTATION_MALFORMED, `payloadType must be ${IN_TOTO_PAYLOAD_TYPE}`);
    }
    statement = parseStatement(material.payload);
    checks.push({ id: 'A5', code: INTEROP_CODES.ATTESTATION_MALFORMED, ok: true, message: 'an in-toto Statement v1 with the xprov execution predicate' });
  } catch (e) {
    return fail(checks, 'A5', e, INTEROP_CODES.ATTESTATION_MALFORMED);
  }
  const done = (): SigstoreVerification => ({ verdict: verdictOf(checks), checks, statement, signer: material.hint });
  if (provenanceBundle === undefined) return done();

  const result = await verifyBundle(provenanceBundle, trust, options.verifyOptions);
  for (const c of result.checks) checks.push({ ...c, id: `A6/${c.id}` });
  try {
    const parsed = readProvenanceBundle(provenanceBundle);
    assertExecuted(parsed);
    const verification = statement.predicate.verification && result.executionTime ? { executionTime: result.executionTime } : undefined;
    const expected = buildStatement(parsed, verification);
    const diff = firstDifference(statement, expected);
    if (diff !== undefined) throw new XprovError(INTEROP_CODES.ATTESTATION_MISMATCH, `the Statement differs from the ProvenanceBundle at ${diff}`);
    checks.push({ id: 'A7', code: INTEROP_CODES.ATTESTATION_MISMATCH, ok: true, message: 'the Statement matches the ProvenanceBundle' });
  } catch (e) {
    checks.push({
      id: 'A7',
      code: e instanceof XprovError && e.code === INTEROP_CODES.ATTESTATION_MISMATCH ? e.code : INTEROP_CODES.ATTESTATION_MISMATCH,
      ok: false,
      message: e instanceof Error ? e.message : String(e),
    });
  }
  return done();
}
