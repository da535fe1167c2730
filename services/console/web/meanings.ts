/**
 * The verdict headline, as xprov-verify's (packages/verify-cli/src/report.ts). The sentence per
 * code is the verifier's own (`@xprov/verifier/meanings`, dependency-free: no verifier code in
 * the first page load).
 */
import type { VerificationResult } from '@xprov/verifier';

export { MEANINGS, meaningOf } from '@xprov/verifier/meanings';

/** The verdict sentence (as xprov-verify's headline, without the CLI's capitals). */
export function headline(r: Pick<VerificationResult, 'verdict' | 'decision' | 'outcome'>): string {
  if (r.verdict === 'valid') {
    if (r.decision === 'deny') return 'Authentic, logged evidence that the governor REFUSED this request (no execution was authorized).';
    if (!r.outcome) return 'The permit was issued under a trusted chain and is in the log; no outcome was given, so the execution itself is not proven.';
    return 'The execution was authorized by a trusted chain, within its permit, and is in the log.';
  }
  if (r.verdict === 'inconclusive') return 'Something needed to decide could not be had; not accepted.';
  return 'This bundle does not prove an authorized execution.';
}
