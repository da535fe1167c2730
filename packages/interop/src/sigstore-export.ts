/**
 * Sigstore export (spec/attestation.md §1): a verified ProvenanceBundle becomes a Sigstore
 * bundle v0.3 whose DSSE envelope carries the in-toto Statement, signed with the governor's
 * Ed25519 key through @sigstore/sign's DSSEBundleBuilder with a key-pair signer — no Fulcio,
 * no Rekor, no timestamp authority; the verification material is a public-key hint.
 */
import { bundleToJSON, type SerializedBundle } from '@sigstore/bundle';
import { DSSEBundleBuilder, type Signer } from '@sigstore/sign';
import { type Ed25519KeyPair, ed25519Backend } from '@xprov/crypto';
import { XprovError, jcs, type ProvenanceBundle } from '@xprov/format';
import { failingCodes, verifyBundle, type VerifyOptions } from '@xprov/verifier';
import { INTEROP_CODES } from './codes.js';
import { readProvenanceBundle } from './provenance-bundle.js';
import { ed25519Pem, keyHint } from './keys.js';
import { SIGSTORE_BUNDLE_V03_MEDIA_TYPE } from './media-types.js';
import { IN_TOTO_PAYLOAD_TYPE, assertExecuted, buildStatement, type ExecutionStatement } from './statement.js';


export interface SigstoreExportOptions {
  /** The governor's key (its did:key must be a trusted governor for verifiers to accept it). */
  keyPair: Ed25519KeyPair;
  /** When given, the bundle must verify as `valid` against it first (`XP_EXPORT_REFUSED`). */
  trust?: unknown;
  verifyOptions?: VerifyOptions;
}

export interface SigstoreExport {
  /** The Sigstore bundle as its JSON serialization (what `cosign`/`sigstore-js` read). */
  bundle: SerializedBundle;
  statement: ExecutionStatement;
}

/** A @sigstore/sign Signer over a raw Ed25519 key (DSSE PAE bytes in, 64-byte signature out). */
export function ed25519Signer(keyPair: Ed25519KeyPair): Signer {
  const pem = ed25519Pem(keyPair.publicKey);
  const hint = keyHint(keyPair);
  return {
    sign: async (data: Buffer) => ({
      signature: Buffer.from(ed25519Backend().sign(keyPair.secretKey, data)),
      key: { $case: 'publicKey', publicKey: pem, hint },
    }),
  };
}

/**
 * Verifies (when `trust` is given) and exports. Codes: `XP_MALFORMED` (not a bundle),
 * `XP_EXPORT_REFUSED` (does not verify; `details.codes` lists the verifier's codes),
 * `XP_EXPORT_UNSUPPORTED` (a denial bundle).
 */
export async function exportSigstore(provenanceBundle: unknown, options: SigstoreExportOptions): Promise<SigstoreExport> {
  let verification: { executionTime: string } | undefined;
  if (options.trust !== undefined) {
    const result = await verifyBundle(provenanceBundle, options.trust, options.verifyOptions);
    if (result.verdict !== 'valid' || !result.executionTime) {
      throw new XprovError(INTEROP_CODES.EXPORT_REFUSED, `the bundle is ${result.verdict}; only valid bundles are exported`, {
        details: { verdict: result.verdict, codes: failingCodes(result) },
      });
    }
    verification = { executionTime: result.executionTime };
  }
  const bundle: ProvenanceBundle = readProvenanceBundle(provenanceBundle);
  assertExecuted(bundle);
  const statement = buildStatement(bundle, verification);
  const builder = new DSSEBundleBuilder({ signer: ed25519Signer(options.keyPair), witnesses: [] });
  const signed = await builder.create({ data: Buffer.from(jcs(statement), 'utf8'), type: IN_TOTO_PAYLOAD_TYPE });
  const json = bundleToJSON(signed);
  if (json.mediaType !== SIGSTORE_BUNDLE_V03_MEDIA_TYPE) {
    throw new XprovError(INTEROP_CODES.ATTESTATION_MALFORMED, `@sigstore/sign produced ${json.mediaType}, expected v0.3`);
  }
  return { bundle: json, statement };
}
