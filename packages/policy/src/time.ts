/**
 * spec/policy.md §4.3: the evaluation time is an explicit input (never the clock). It is an
 * RFC 3339 date-time with `Z` or a `±hh:mm` offset; it is checked field by field (no day
 * roll-over, no leap second) and handed to Cedar as a UTC `datetime` with millisecond precision
 * (extra fractional digits are truncated).
 */
import { XprovError } from '@xprov/format';
import { POLICY_CODES } from './codes.js';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not. */
function utcMillis(year: number, month: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(h, m, s, ms);
  return d.getTime();
}

function daysIn(year: number, month: number): number {
  return new Date(utcMillis(year, month + 1, 0)).getUTCDate();
}

/** Returns `YYYY-MM-DDTHH:MM:SS.sssZ` for a valid RFC 3339 time; `XP_POLICY_INPUT` otherwise. */
export function normalizeTime(time: unknown): string {
  const m = typeof time === 'string' ? RFC3339.exec(time) : null;
  if (!m) throw new XprovError(POLICY_CODES.INPUT, `time must be an RFC 3339 date-time, got ${JSON.stringify(time)}`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = (m[7] ?? '').padEnd(3, '0').slice(0, 3);
  const zone = m[8] as string;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) throw new XprovError(POLICY_CODES.INPUT, `bad UTC offset in ${time}`);
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new XprovError(POLICY_CODES.INPUT, `time ${time} is not a calendar date-time`);
  }
  const ms = utcMillis(year, month, day, hour, minute, second, Number(fraction)) - offsetMinutes * 60_000;
  const utc = new Date(ms);
  if (Number.isNaN(ms) || utc.getUTCFullYear() < 0 || utc.getUTCFullYear() > 9999) {
    throw new XprovError(POLICY_CODES.INPUT, `time ${time} is out of range`);
  }
  return utc.toISOString();
}
