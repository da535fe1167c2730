/**
 * Operational codes of the VC-API routes (spec/governor.md §VC-API). Verification failures use
 * the DESIGN §4 codes (`XP_MALFORMED`, `XP_PROOF_INVALID`, `XP_EXPIRED`, …).
 */
export const VCAPI_CODES = {
  /** The credential names an issuer other than the VC-API issuer key of this service. */
  ISSUER_MISMATCH: 'XP_VCAPI_ISSUER_MISMATCH',
  /** xprov's own credential types (grants, permits, outcomes, denials, status lists) are never issued here. */
  RESERVED_TYPE: 'XP_VCAPI_RESERVED_TYPE',
  /** A securing mechanism this service does not implement (enveloped JOSE/COSE credentials). */
  UNSUPPORTED: 'XP_VCAPI_UNSUPPORTED',
} as const;

/** VC 2.0 §7.1, Data Integrity §2.7 and Bitstring Status List §3.6 problem types by xprov code. */
const PROBLEM_TYPES: Record<string, string> = {
  XP_BODY_MALFORMED: 'https://www.w3.org/TR/vc-data-model#PARSING_ERROR',
  XP_MALFORMED: 'https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR',
  XP_CONTEXT_UNKNOWN: 'https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR',
  XP_BODY_INVALID: 'https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR',
  XP_PROOF_INVALID: 'https://w3id.org/security#PROOF_VERIFICATION_ERROR',
  XP_CRYPTOSUITE_UNSUPPORTED: 'https://w3id.org/security#PROOF_VERIFICATION_ERROR',
  XP_DID_UNRESOLVED: 'https://w3id.org/security#PROOF_VERIFICATION_ERROR',
  XP_PRESENTATION_INVALID: 'https://w3id.org/security#PROOF_VERIFICATION_ERROR',
  XP_NOT_YET_VALID: 'https://www.w3.org/TR/vc-data-model#RANGE_ERROR',
  XP_EXPIRED: 'https://www.w3.org/TR/vc-data-model#RANGE_ERROR',
  XP_STATUS_UNKNOWN: 'https://www.w3.org/ns/credentials/status#STATUS_RETRIEVAL_ERROR',
};

export function problemType(code: string): string {
  return PROBLEM_TYPES[code] ?? `https://w3id.org/xprov/errors#${code}`;
}
