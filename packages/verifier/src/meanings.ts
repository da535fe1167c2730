/**
 * One sentence per verification code (spec/verification.md §16), the wording every report uses
 * (xprov-verify, the console). Dependency-free, exported as `@xprov/verifier/meanings` so a page
 * can show it without loading the verifier.
 */
export const MEANINGS: Record<string, string> = {
  XP_TRUST_INVALID: 'The trust file is not usable, so nothing could be judged.',
  XP_MALFORMED: 'The bundle, or a credential in it, is not well-formed.',
  XP_DID_UNRESOLVED: 'A DID document needed to check a signature was not available (try --online).',
  XP_CRYPTOSUITE_UNSUPPORTED: 'A proof uses a cryptosuite the trust file does not allow.',
  XP_PROOF_INVALID: 'A signature does not verify, or was not made by the issuer’s key.',
  XP_PRESENTATION_INVALID: 'The agent’s own signed request or report is missing, not the agent’s, or does not match.',
  XP_CHAIN_UNTRUSTED_ROOT: 'The root grant was issued by an authority the trust file does not trust.',
  XP_CHAIN_BROKEN: 'A delegation was not issued by its parent grant’s agent, or a parent grant is missing.',
  XP_CHAIN_DIGEST: 'A delegation names a parent whose digest does not match the parent grant.',
  XP_CHAIN_ESCALATION: 'A delegation grants more actions, resources or time than its parent had.',
  XP_CHAIN_DEPTH: 'The delegation chain is deeper than its grants allow.',
  XP_NOT_YET_VALID: 'A credential was not yet valid when the execution was authorized.',
  XP_EXPIRED: 'A credential had expired when the execution was authorized.',
  XP_REVOKED: 'A grant was revoked when the execution was authorized.',
  XP_STATUS_UNKNOWN: 'Whether a grant was revoked cannot be told: its status list is missing or unusable.',
  XP_PERMIT_UNTRUSTED: 'The permit, outcome or denial was issued by a governor the trust file does not trust.',
  XP_PERMIT_CHAIN_MISMATCH: 'The permit was issued for another chain of grants or another agent.',
  XP_PERMIT_SCOPE: 'The permitted request lies outside what the agent’s grant allows.',
  XP_POLICY_DIGEST: 'A grant’s policy text does not match the digest the grant was signed with.',
  XP_POLICY_DENIED: 'Re-evaluating the chain’s policies on the logged request does not permit it.',
  XP_OUTCOME_PERMIT_MISMATCH: 'The outcome does not reference this permit.',
  XP_OUTCOME_SCOPE: 'The outcome’s agent, action or resource differs from what was permitted.',
  XP_OUTCOME_OUTSIDE_WINDOW: 'The execution started outside the permit’s short validity window.',
  XP_OUTCOME_VIOLATION: 'Runtime enforcement recorded a violation: the execution left its authority.',
  XP_LOG_UNTRUSTED: 'A receipt comes from a log the trust file does not trust.',
  XP_LOG_CHECKPOINT_SIGNATURE: 'A log checkpoint is not signed by the trusted log key.',
  XP_LOG_WITNESS: 'Too few trusted witnesses cosigned the log checkpoint.',
  XP_LOG_INCLUSION: 'An inclusion proof does not lead to the signed checkpoint: the credential is not shown to be in the log.',
  XP_LOG_ENTRY_MISMATCH: 'The log holds a different entry than this credential.',
  XP_LOG_ORDER: 'The log order or witness times contradict the chain (e.g. an outcome before its permit).',
  XP_LOG_INCONSISTENT: 'Two checkpoints of the same log are inconsistent: the log forked or rewrote history.',
  XP_LOG_MISSING: 'A credential has no log receipt.',
  XP_INTERNAL: 'The verifier failed internally; the bundle is not accepted.',
};

export function meaningOf(code: string): string {
  return MEANINGS[code] ?? 'A verification check failed.';
}
