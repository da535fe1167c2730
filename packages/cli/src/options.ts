/**
 * Validation of option values. Every bad value is `XP_USAGE` (exit 2) with the option named,
 * before anything is read, signed or written.
 */
import { XprovError } from '@xprov/format';

export const SUITES = ['eddsa-jcs-2022', 'eddsa-rdfc-2022'] as const;
export type Suite = (typeof SUITES)[number];

function usage(message: string): never {
  throw new XprovError('XP_USAGE', message);
}

export function suiteOption(value: string | undefined): Suite {
  if (value === undefined) return 'eddsa-jcs-2022';
  if (!(SUITES as readonly string[]).includes(value)) usage(`--suite must be one of ${SUITES.join(', ')}`);
  return value as Suite;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An XML Schema / RFC 3339 date-time with an offset, and a real calendar time
 * (`2025-02-30T…` is refused, not rolled over).
 */
export function isoOption(name: string, value: string): string {
  const m = ISO.exec(value);
  if (!m) usage(`${name} must be an ISO 8601 date-time with offset, e.g. 2025-01-01T00:00:00Z`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const days = new Date(Date.UTC(2000, mo, 0)).getUTCDate() - (mo === 2 && !isLeap(y) ? 1 : 0);
  if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || s > 59) usage(`${name}: ${value} is not a calendar date-time`);
  return value;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DID = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._%-]$/;

export function didOption(name: string, value: string): string {
  if (!DID.test(value)) usage(`${name} must be a DID without fragment, e.g. did:key:z6Mk…`);
  return value;
}

export function intOption(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) usage(`${name} must be an integer from ${min} to ${max}`);
  return Number(value);
}

/** Seconds precision, UTC: the form xprov writes (`2025-01-01T00:00:00Z`). */
export function nowIso(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

const ACTION = /^[^\s*]{1,256}$/;
const RESOURCE = /^[^\s*]{0,1024}\*?$/;

/** DESIGN §2.1 actions: exact names, no whitespace or wildcard. */
export function actionsOption(values: string[] | undefined): string[] {
  if (!values || values.length === 0) usage('--action needs at least one action');
  for (const a of values) if (!ACTION.test(a)) usage(`--action ${JSON.stringify(a)}: an action has no whitespace or *`);
  return values;
}

/** DESIGN §2.1 resources: exact, or a prefix pattern ending in the one `*` it may have. */
export function resourcesOption(values: string[] | undefined): string[] {
  if (!values || values.length === 0) usage('--resource needs at least one resource');
  for (const r of values) {
    if (r === '' || !RESOURCE.test(r)) usage(`--resource ${JSON.stringify(r)}: no whitespace; * only at the end`);
  }
  return values;
}
