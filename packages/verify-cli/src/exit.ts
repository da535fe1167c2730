/** Exit codes of `xprov-verify` (DESIGN §5, spec/cli-verify.md). */
export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
export const EXIT_INCONCLUSIVE = 3;

export function exitCodeForVerdict(verdict: 'valid' | 'invalid' | 'inconclusive'): number {
  return verdict === 'valid' ? EXIT_VALID : verdict === 'invalid' ? EXIT_INVALID : EXIT_INCONCLUSIVE;
}

/** A usage or I/O failure: exit 2 with `xprov-verify: CODE: message` on stderr. */
export class UsageError extends Error {
  constructor(
    readonly code: 'XP_USAGE' | 'XP_IO' | 'XP_TRUST_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
