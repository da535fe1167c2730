/**
 * The one error type of xprov. Every failure carries a stable `code`; callers and
 * tests branch on the code, never on the message.
 *
 * Verification codes are fixed by DESIGN.md §4 (see `VERIFICATION_CODES`). Operational
 * codes (usage, I/O, key material, contexts, policies, logs) are defined by the package
 * that raises them and listed in spec/errors.md.
 */
export class XprovError extends Error {
  readonly code: string;
  readonly details?: unknown;

  constructor(code: string, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'XprovError';
    this.code = code;
    if (options.details !== undefined) this.details = options.details;
  }
}

export function isXprovError(e: unknown): e is XprovError {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && e.name === 'XprovError';
}

/** DESIGN.md §4: the stable verification codes. */
export const VERIFICATION_CODES = [
  'XP_MALFORMED',
  'XP_DID_UNRESOLVED',
  'XP_CRYPTOSUITE_UNSUPPORTED',
  'XP_PROOF_INVALID',
  'XP_CHAIN_UNTRUSTED_ROOT',
  'XP_CHAIN_BROKEN',
  'XP_CHAIN_DIGEST',
  'XP_CHAIN_ESCALATION',
  'XP_CHAIN_DEPTH',
  'XP_NOT_YET_VALID',
  'XP_EXPIRED',
  'XP_REVOKED',
  'XP_STATUS_UNKNOWN',
  'XP_PERMIT_UNTRUSTED',
  'XP_PERMIT_CHAIN_MISMATCH',
  'XP_PERMIT_SCOPE',
  'XP_PRESENTATION_INVALID',
  'XP_POLICY_DIGEST',
  'XP_POLICY_DENIED',
  'XP_OUTCOME_PERMIT_MISMATCH',
  'XP_OUTCOME_SCOPE',
  'XP_OUTCOME_OUTSIDE_WINDOW',
  'XP_OUTCOME_VIOLATION',
  'XP_LOG_UNTRUSTED',
  'XP_LOG_CHECKPOINT_SIGNATURE',
  'XP_LOG_WITNESS',
  'XP_LOG_INCLUSION',
  'XP_LOG_ENTRY_MISMATCH',
  'XP_LOG_ORDER',
  'XP_LOG_INCONSISTENT',
  'XP_LOG_MISSING',
] as const;
export type VerificationCode = (typeof VERIFICATION_CODES)[number];
