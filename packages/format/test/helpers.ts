/** Runs `fn` and returns the `.code` of what it threw (undefined if it did not throw). */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code ?? 'NOT_XPROV_ERROR';
  }
  return undefined;
}

/** What a test mutation may reach into: any field of a deep copy. */
// biome-ignore lint/suspicious/noExplicitAny: tests break documents field by field
export type Doc = any;

/** A deep copy with one change applied. */
export function mutate<T>(value: T, change: (copy: Doc) => void): T {
  const copy = structuredClone(value);
  change(copy);
  return copy;
}
