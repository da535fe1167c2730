/**
 * Operational codes of @xprov/interop (spec/attestation.md §5, spec/scitt.md §6). The DESIGN §4
 * verification codes keep their meaning; these name what can go wrong with an export.
 */
export const INTEROP_CODES = {
  /** The ProvenanceBundle to export does not verify (its codes are in `details`). */
  EXPORT_REFUSED: 'XP_EXPORT_REFUSED',
  /** The ProvenanceBundle has a shape the export does not support (e.g. a denial for Sigstore). */
  EXPORT_UNSUPPORTED: 'XP_EXPORT_UNSUPPORTED',
  /** A Sigstore bundle, DSSE envelope, in-toto Statement or predicate is not well formed. */
  ATTESTATION_MALFORMED: 'XP_ATTESTATION_MALFORMED',
  /** The bundle's public-key hint names no key the trust file (or options) trusts. */
  ATTESTATION_KEY_UNTRUSTED: 'XP_ATTESTATION_KEY_UNTRUSTED',
  /** @sigstore/verify refuses the bundle: the DSSE signature does not verify. */
  ATTESTATION_SIGNATURE: 'XP_ATTESTATION_SIGNATURE',
  /** The Statement differs from the one derived from the ProvenanceBundle it names. */
  ATTESTATION_MISMATCH: 'XP_ATTESTATION_MISMATCH',
  /** A SCITT signed statement is not a well-formed COSE_Sign1 of an xprov credential. */
  SCITT_MALFORMED: 'XP_SCITT_MALFORMED',
  /** A signed statement's key is not a trusted governor's. */
  SCITT_UNTRUSTED: 'XP_SCITT_UNTRUSTED',
  /** A signed statement's signature does not verify. */
  SCITT_SIGNATURE: 'XP_SCITT_SIGNATURE',
  /** A statement, its claims and its receipt do not belong together. */
  SCITT_MISMATCH: 'XP_SCITT_MISMATCH',
  /** The trust file is not a TrustFile (spec/trust-file.md). */
  TRUST_INVALID: 'XP_TRUST_INVALID',
} as const;

export type InteropCode = (typeof INTEROP_CODES)[keyof typeof INTEROP_CODES];
