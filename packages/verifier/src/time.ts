/**
 * Time values (spec/verification.md §0): RFC 3339 / XSD dateTime strings from the bundle
 * (attacker-controlled) compared as instants in seconds. The verifier never reads the clock.
 */

/** Epoch seconds of an RFC 3339 date-time, or NaN when it does not parse. */
export function seconds(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? Number.NaN : ms / 1000;
}

/** `a ≤ b` with a tolerance of `skew` seconds; false when either side is NaN. */
export function notAfter(a: number, b: number, skew: number): boolean {
  return a <= b + skew;
}

export function iso(secondsValue: number): string {
  return new Date(secondsValue * 1000).toISOString().replace(/\.000Z$/, 'Z');
}
