/** Exit codes of `xprov` (DESIGN.md §5 uses the same for xprov-verify). */
export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** Usage and I/O errors exit 2; every other coded refusal exits 1. */
const USAGE_CODES = new Set(['XP_USAGE', 'XP_IO']);

export function exitCodeFor(code: string): number {
  return USAGE_CODES.has(code) ? EXIT_USAGE : EXIT_REFUSED;
}
