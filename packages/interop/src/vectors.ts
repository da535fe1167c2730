/**
 * The interop test vectors (test-vectors/interop/, spec/attestation.md §6, spec/scitt.md §7):
 * Sigstore and SCITT exports of the committed ProvenanceBundle vectors, valid and tampered,
 * each with its expected result. Deterministic (Ed25519 signatures are; keys are the published
 * test keys), so regenerating gives byte-identical files. `runInteropVector` is the reference
 * runner another implementation can be compared against.
 */
import { bundleToJSON } from '@sigstore/bundle';
import { DSSEBundleBuilder } from '@sigstore/sign';
import { keyPairFromSecretKey } from '@xprov/crypto';
import { jcs } from '@xprov/format';
import { generateNoteKey } from '@xprov/log-core';
import { HEADER_XPROV_CHECKPOINT, cbor, decodeSign1, encodeSign1 } from './cose.js';
import { exportScitt } from './scitt-export.js';
import { verifyScittReceipt } from './scitt-receipt.js';
import { signStatement, verifySignedStatement } from './scitt-statement.js';
import { ed25519Signer, exportSigstore } from './sigstore-export.js';
import { verifySigstoreExport } from './sigstore-verify.js';
import { IN_TOTO_PAYLOAD_TYPE, type ExecutionStatement } from './statement.js';
import { testGovernorKey, testLogKey, testSeed } from './test-keys.js';

/** A ProvenanceBundle vector of test-vectors/vectors (only the fields used here). */
export interface SourceVector {
  id: string;
  bundle: { receipts: Array<{ credentialId: string; checkpoint: string }> } & Record<string, unknown>;
  trust: { logs: Array<{ origin: string; vkey: string }>; witnesses: { keys: string[]; threshold: number } } & Record<string, unknown>;
}

export interface Expected {
  verdict: 'valid' | 'invalid';
  /** Failing codes; empty when valid. */
  codes: string[];
}

export interface SigstoreVector {
  id: string;
  kind: 'sigstore';
  description: string;
  spec: string;
  /** The ProvenanceBundle vector it was exported from. */
  source: string;
  sigstoreBundle: unknown;
  /** When present, verification also checks the Statement against it. */
  provenanceBundle?: unknown;
  trust: unknown;
  expected: Expected;
}

export interface ScittVector {
  id: string;
  kind: 'scitt';
  description: string;
  spec: string;
  source: string;
  /** Base64 COSE_Sign1 signed statement (payload: the credential's JCS bytes). */
  statement: string;
  /** Base64 RFC 9942 COSE receipt for the statement's credential. */
  receipt: string;
  trust: unknown;
  expected: Expected;
}

export type InteropVector = SigstoreVector | ScittVector;

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const valid: Expected = { verdict: 'valid', codes: [] };
const invalid = (code: string): Expected => ({ verdict: 'invalid', codes: [code] });

async function signStatementBundle(statement: unknown, keyPair = testGovernorKey(), hint?: string) {
  const signer = ed25519Signer(keyPair);
  const lying = hint
    ? { sign: async (d: Buffer) => ({ ...(await signer.sign(d)), key: { $case: 'publicKey' as const, publicKey: '', hint } }) }
    : signer;
  const built = await new DSSEBundleBuilder({ signer: lying, witnesses: [] }).create({
    data: Buffer.from(jcs(statement)),
    type: IN_TOTO_PAYLOAD_TYPE,
  });
  return bundleToJSON(built);
}

function flipBase64Byte(text: string, at: number): string {
  const b = Buffer.from(text, 'base64');
  b[at % b.length] = (b[at % b.length] as number) ^ 0x01;
  return b.toString('base64');
}

async function sigstoreVectors(get: (id: string) => SourceVector): Promise<SigstoreVector[]> {
  const d1 = get('valid-delegation-1');
  const root = get('valid-root-grant-only');
  const rdfc = get('valid-delegation-3-rdfc');
  const cose = get('valid-cose-receipts');
  const governor = testGovernorKey();
  const rogue = keyPairFromSecretKey(testSeed('rogue-governor'));
  const e1 = await exportSigstore(d1.bundle, { keyPair: governor, trust: d1.trust });
  const eRoot = await exportSigstore(root.bundle, { keyPair: governor, trust: root.trust });
  const eRdfc = await exportSigstore(rdfc.bundle, { keyPair: governor, trust: rdfc.trust });
  const eCose = await exportSigstore(cose.bundle, { keyPair: governor, trust: cose.trust });
  const base = { kind: 'sigstore' as const, spec: 'attestation.md §4' };
  const v = (id: string, description: string, src: SourceVector, bundle: unknown, expected: Expected, withBundle = true, provenance?: unknown): SigstoreVector => ({
    id,
    ...base,
    description,
    source: src.id,
    sigstoreBundle: bundle,
    ...(withBundle ? { provenanceBundle: provenance ?? src.bundle } : {}),
    trust: src.trust,
    expected,
  });
  const payloadFlipped = clone(e1.bundle) as { dsseEnvelope: { payload: string } };
  payloadFlipped.dsseEnvelope.payload = flipBase64Byte(payloadFlipped.dsseEnvelope.payload, 100);
  const sigFlipped = clone(e1.bundle) as { dsseEnvelope: { signatures: Array<{ sig: string }> } };
  const sig0 = sigFlipped.dsseEnvelope.signatures[0] as { sig: string };
  sig0.sig = flipBase64Byte(sig0.sig, 10);
  const altered = clone(e1.statement) as ExecutionStatement;
  altered.predicate.outcome.status = 'failed';
  const oldMedia = clone(e1.bundle) as { mediaType: string };
  oldMedia.mediaType = 'application/vnd.dev.sigstore.bundle+json;version=0.2';
  return [
    v('sigstore-valid-delegation-1', 'export of a one-delegation execution, checked against its ProvenanceBundle', d1, e1.bundle, valid),
    v('sigstore-valid-root-grant-only', 'export of a root-grant execution, signature and Statement only', root, eRoot.bundle, valid, false),
    v('sigstore-valid-delegation-3-rdfc', 'export of a three-delegation eddsa-rdfc-2022 execution', rdfc, eRdfc.bundle, valid),
    v('sigstore-valid-cose-receipts', 'export of an execution whose receipts are all COSE receipts (coseReceipts), checked against its ProvenanceBundle', cose, eCose.bundle, valid),
    v('sigstore-payload-byte-changed', 'one byte of the DSSE payload changed', d1, payloadFlipped, invalid('XP_ATTESTATION_SIGNATURE'), false),
    v('sigstore-signature-byte-changed', 'one byte of the DSSE signature changed', d1, sigFlipped, invalid('XP_ATTESTATION_SIGNATURE'), false),
    v('sigstore-untrusted-key', 'signed by a governor key the trust file does not name', d1, await signStatementBundle(e1.statement, rogue), invalid('XP_ATTESTATION_KEY_UNTRUSTED'), false),
    v(
      'sigstore-hint-of-another-key',
      "signed by another key under the trusted governor's hint",
      d1,
      await signStatementBundle(e1.statement, rogue, e1.bundle.verificationMaterial.publicKey?.hint),
      invalid('XP_ATTESTATION_SIGNATURE'),
      false,
    ),
    v('sigstore-predicate-altered', 'validly signed Statement whose outcome status differs from the bundle', d1, await signStatementBundle(altered), invalid('XP_ATTESTATION_MISMATCH')),
    v('sigstore-other-execution', "the attestation checked against another execution's bundle", d1, e1.bundle, invalid('XP_ATTESTATION_MISMATCH'), true, root.bundle),
    v('sigstore-not-v03', 'a bundle media type other than v0.3', d1, oldMedia, invalid('XP_ATTESTATION_MALFORMED'), false),
  ].map((x) => (x.id === 'sigstore-other-execution' ? { ...x, trust: root.trust } : x));
}

async function scittVectors(get: (id: string) => SourceVector): Promise<ScittVector[]> {
  const w = get('valid-witnessed');
  const governor = testGovernorKey();
  const log = w.trust.logs[0] as { origin: string; vkey: string };
  const entries = await exportScitt(w.bundle, { keyPair: governor, logKey: testLogKey(log.origin, log.vkey), trust: w.trust });
  const rogue = keyPairFromSecretKey(testSeed('rogue-governor'));
  const byRole = (role: string) => entries.find((e) => e.role === role) as (typeof entries)[number];
  const base = { kind: 'scitt' as const, spec: 'scitt.md §5', source: w.id };
  const v = (id: string, description: string, statement: Uint8Array, receipt: Uint8Array, expected: Expected, trust: unknown = w.trust): ScittVector => ({
    id,
    ...base,
    description,
    statement: b64(statement),
    receipt: b64(receipt),
    trust,
    expected,
  });
  const grant = byRole('grant');
  const permit = byRole('permit');
  const outcome = byRole('outcome');
  const unwitnessed = { ...clone(w.trust), witnesses: { keys: [], threshold: 0 } };

  const withUnprotected = (receipt: Uint8Array, edit: (u: Map<unknown, unknown>) => void) => {
    const m = decodeSign1(receipt, 'XP_COSE_MALFORMED');
    const u = new Map(m.unprotected);
    edit(u);
    return encodeSign1({ ...m, unprotected: u });
  };
  const wrongRoot = withUnprotected(grant.receipt, (u) => {
    const vdp = u.get(396) as Map<number, Uint8Array[]>;
    const [size, index, path] = cbor.decode(vdp.get(-1)?.[0] as Uint8Array) as [number, number, Uint8Array[]];
    const copy = path.map((h) => Uint8Array.from(h));
    (copy[0] as Uint8Array)[0] = ((copy[0] as Uint8Array)[0] as number) ^ 1;
    u.set(396, new Map([[-1, [cbor.encode([size, index, copy])]]]));
    u.delete(HEADER_XPROV_CHECKPOINT);
  });
  // scitt.md §3.6: one proof, one encoding. tree_size as a 4-byte integer (0x1a …) reads as the
  // same number, and is refused before any signature is looked at.
  const longForm = withUnprotected(grant.receipt, (u) => {
    const vdp = u.get(396) as Map<number, Uint8Array[]>;
    const [size, index, path] = cbor.decode(vdp.get(-1)?.[0] as Uint8Array) as [number, number, Uint8Array[]];
    const rest = cbor.encode([index, path]).subarray(1);
    const sized = Uint8Array.from([0x83, 0x1a, (size >>> 24) & 0xff, (size >>> 16) & 0xff, (size >>> 8) & 0xff, size & 0xff, ...rest]);
    u.set(396, new Map([[-1, [sized]]]));
  });
  const bare = withUnprotected(grant.receipt, (u) => u.delete(HEADER_XPROV_CHECKPOINT));
  const otherCheckpoint = withUnprotected(grant.receipt, (u) => u.set(HEADER_XPROV_CHECKPOINT, get('valid-delegation-1').bundle.receipts[0]?.checkpoint));
  const m = decodeSign1(permit.statement, 'XP_SCITT_MALFORMED');
  const payload = Uint8Array.from(m.payload as Uint8Array);
  payload[60] = (payload[60] as number) ^ 1;
  const changedStatement = encodeSign1({ ...m, payload });
  const permitCredential = JSON.parse(Buffer.from(m.payload as Uint8Array).toString('utf8')) as { id: string };
  const untrustedLogTrust = { ...clone(w.trust), logs: [{ origin: 'other.vectors.xprov.example', vkey: generateNoteKey('other.vectors.xprov.example', testSeed('log-key/other')).verifierKey }] };
  return [
    v('scitt-valid-grant', 'root grant: signed statement and COSE receipt (witness threshold 3 via the checkpoint header)', grant.statement, grant.receipt, valid),
    v('scitt-valid-permit', 'permit: signed statement and COSE receipt', permit.statement, permit.receipt, valid),
    v('scitt-valid-outcome', 'outcome: signed statement and COSE receipt', outcome.statement, outcome.receipt, valid),
    v('scitt-valid-no-checkpoint', 'receipt without the checkpoint header, no witnesses required', grant.statement, bare, valid, unwitnessed),
    v('scitt-receipt-wrong-root', 'an inclusion path hash changed: the recomputed root is not the signed one', grant.statement, wrongRoot, invalid('XP_LOG_CHECKPOINT_SIGNATURE'), unwitnessed),
    v('scitt-receipt-proof-not-deterministic', 'the inclusion proof encodes tree_size as a 4-byte integer: the same number, another encoding', grant.statement, longForm, invalid('XP_COSE_MALFORMED')),
    v('scitt-receipt-other-credential', "the permit's receipt presented for the outcome", outcome.statement, permit.receipt, invalid('XP_LOG_CHECKPOINT_SIGNATURE')),
    v('scitt-receipt-untrusted-log', 'the trust file names another log', grant.statement, grant.receipt, invalid('XP_LOG_UNTRUSTED'), untrustedLogTrust),
    v('scitt-receipt-no-witnesses', 'no checkpoint header while the trust file requires 3 witnesses', grant.statement, bare, invalid('XP_LOG_WITNESS')),
    v('scitt-receipt-checkpoint-other-tree', 'the checkpoint header is from another tree', grant.statement, otherCheckpoint, invalid('XP_LOG_INCLUSION')),
    v('scitt-statement-payload-changed', 'one byte of the signed statement payload changed', changedStatement, permit.receipt, invalid('XP_SCITT_SIGNATURE')),
    v('scitt-statement-untrusted-key', 'the statement is signed by a governor the trust file does not name', signStatement(permitCredential, rogue), permit.receipt, invalid('XP_SCITT_UNTRUSTED')),
  ];
}

export async function generateInteropVectors(get: (id: string) => SourceVector): Promise<InteropVector[]> {
  return [...(await sigstoreVectors(get)), ...(await scittVectors(get))];
}

/** Runs one vector; returns the verdict and the failing codes (what `expected` states). */
export async function runInteropVector(v: InteropVector): Promise<Expected> {
  if (v.kind === 'sigstore') {
    const r = await verifySigstoreExport(v.sigstoreBundle, v.trust, v.provenanceBundle);
    const codes = [...new Set(r.checks.filter((c) => !c.ok).map((c) => c.code))];
    return { verdict: r.verdict === 'valid' ? 'valid' : 'invalid', codes };
  }
  try {
    const s = verifySignedStatement(Buffer.from(v.statement, 'base64'), v.trust);
    verifyScittReceipt(Buffer.from(v.receipt, 'base64'), s.credential, v.trust);
    return valid;
  } catch (e) {
    return invalid((e as { code?: string }).code ?? 'XP_INTERNAL');
  }
}

export function serializeInteropVector(v: InteropVector): string {
  return `${JSON.stringify(v, null, 2)}\n`;
}
