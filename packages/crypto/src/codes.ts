/**
 * Operational error codes raised by @xprov/crypto (listed in spec/errors.md and
 * spec/data-integrity.md). Verification failures use the DESIGN.md §4 codes
 * (`XP_PROOF_INVALID`, `XP_CRYPTOSUITE_UNSUPPORTED`, `XP_DID_UNRESOLVED`, …).
 */
export const CRYPTO_CODES = {
  /** Key material is not an Ed25519 Multikey: wrong multibase, multicodec, length, or a mismatched pair. */
  KEY_INVALID: 'XP_KEY_INVALID',
  /** A did:key is not an Ed25519 did:key. */
  DID_INVALID: 'XP_DID_INVALID',
  /** A JSON-LD context URL is not one the static loader bundles; nothing is ever fetched. */
  CONTEXT_UNKNOWN: 'XP_CONTEXT_UNKNOWN',
  /** Signing options are wrong (missing challenge for authentication, bad `created`, …). */
  SIGN_OPTIONS: 'XP_SIGN_OPTIONS',
} as const;
