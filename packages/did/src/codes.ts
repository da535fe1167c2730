/**
 * Error codes raised by @xprov/did (listed in spec/did.md and spec/errors.md).
 * `XP_DID_UNRESOLVED` is the DESIGN.md §4 code (inconclusive); the others are operational
 * and `resolveVerificationMethod` maps them onto DESIGN codes for the verifier.
 */
export const DID_CODES = {
  /** Not found, network failure, not JSON, too large, or the document's id is not the DID. */
  UNRESOLVED: 'XP_DID_UNRESOLVED',
  /** A DID method this resolver does not handle. */
  METHOD_UNSUPPORTED: 'XP_DID_METHOD_UNSUPPORTED',
  /** Not a syntactically valid DID for its method (incl. did:web with an IP address host). */
  INVALID: 'XP_DID_INVALID',
} as const;
