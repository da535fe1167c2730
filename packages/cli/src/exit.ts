/** Exit codes of `xprov` (spec/cli.md §2; DESIGN.md §5 uses the same for xprov-verify). */
export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INCONCLUSIVE = 3;

/** Usage and I/O errors exit 2. */
const USAGE_CODES = new Set(['XP_USAGE', 'XP_IO']);
/** Something needed could not be had (DESIGN §4): neither valid nor invalid. */
const INCONCLUSIVE_CODES = new Set(['XP_DID_UNRESOLVED', 'XP_STATUS_UNKNOWN']);

/** Every other coded refusal exits 1. */
export function exitCodeFor(code: string): number {
  if (USAGE_CODES.has(code)) return EXIT_USAGE;
  if (INCONCLUSIVE_CODES.has(code)) return EXIT_INCONCLUSIVE;
  return EXIT_REFUSED;
}
