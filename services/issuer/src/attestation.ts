/**
 * `GET /executions/:id/attestation` (issue 6, spec/attestation.md): an execution's provenance as
 * a Sigstore bundle (v0.3, DSSE) carrying an in-toto Statement with the xprov execution
 * predicate, signed by the governor's key — so supply-chain policy engines can consume it
 * without an xprov adapter. Only an execution with an outcome has one: a denial, or a permit
 * whose outcome is not reported yet, is `XP_EXPORT_UNSUPPORTED` (409).
 */
import type { Ed25519KeyPair } from '@xprov/crypto';
import { exportSigstore, type SigstoreExport } from '@xprov/interop';

/** The Sigstore bundle of one assembled ProvenanceBundle, signed by the governor. */
export async function attestationOf(bundle: unknown, governorKey: Ed25519KeyPair): Promise<SigstoreExport['bundle']> {
  return (await exportSigstore(bundle, { keyPair: governorKey })).bundle;
}

/** Sigstore's media type for the v0.3 bundle JSON. */
export const SIGSTORE_BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
