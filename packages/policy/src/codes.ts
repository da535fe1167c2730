/**
 * Operational codes raised by @xprov/policy (listed in spec/policy.md §6).
 * DESIGN §4's `XP_POLICY_DIGEST` is also raised here by `checkPolicyDigest`.
 */
export const POLICY_CODES = {
  /** The source is not a Cedar policy set, holds templates, or repeats a policy id. */
  SYNTAX: 'XP_POLICY_SYNTAX',
  /** The request, parameters or time cannot be mapped to a Cedar request. */
  INPUT: 'XP_POLICY_INPUT',
  /** A policy raised an evaluation error (e.g. a missing attribute); its set denies. */
  EVALUATION: 'XP_POLICY_EVALUATION',
  /** `evaluate` was called with no policy set at all. */
  NONE: 'XP_POLICY_NONE',
  /** The Cedar engine itself failed; the decision is deny. */
  ENGINE: 'XP_POLICY_ENGINE',
  /** A policy's `digestMultibase` does not match its source (DESIGN §4). */
  DIGEST: 'XP_POLICY_DIGEST',
} as const;

export type PolicyCode = (typeof POLICY_CODES)[keyof typeof POLICY_CODES];
