/**
 * Time values as xprov writes them (spec/credentials.md §1): UTC, seconds precision,
 * `2024-01-01T00:00:00Z`. Core code never reads the clock; callers pass times in.
 */
import { XprovError } from './errors.js';

export type TimeInput = string | Date | number;

/** Normalizes an ISO string, Date or epoch milliseconds to `YYYY-MM-DDTHH:MM:SSZ` (milliseconds dropped). */
export function toIsoSeconds(t: TimeInput): string {
  const ms = typeof t === 'string' ? Date.parse(t) : t instanceof Date ? t.getTime() : t;
  if (typeof t === 'string' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    throw new XprovError('XP_MALFORMED', 'time must be an ISO 8601 date-time with offset');
  }
  if (!Number.isFinite(ms)) throw new XprovError('XP_MALFORMED', 'not a valid time');
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Adds seconds to a time and returns it in xprov form. */
export function addSeconds(t: TimeInput, seconds: number): string {
  return toIsoSeconds(Date.parse(toIsoSeconds(t)) + seconds * 1000);
}
