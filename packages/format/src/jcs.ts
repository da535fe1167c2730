/**
 * JSON Canonicalization Scheme, RFC 8785. DESIGN §2 digests and the log entry bytes (§3) are
 * computed over this output, so it must be byte-exact.
 *
 * The input is typically attacker-controlled (a credential from a bundle). Anything that is not
 * I-JSON (RFC 7493) is refused with `XP_JCS_INVALID` instead of being silently dropped or coerced
 * as `JSON.stringify` would: undefined, functions, symbols, bigints, non-finite numbers, lone
 * surrogates, class instances (Date, Map, …), cycles and nesting deeper than `MAX_DEPTH`.
 */
import { XprovError } from './errors.js';

/** Nesting limit; keeps hostile input from exhausting the stack. */
export const MAX_DEPTH = 256;

const encoder = new TextEncoder();
// With the `u` flag a surrogate range only matches a surrogate that is not part of a pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** RFC 8785 §3.2.2.2: strings as ECMAScript JSON.stringify writes them, lone surrogates refused (RFC 7493 §2.1). */
function serializeString(s: string, path: string): string {
  if (LONE_SURROGATE.test(s)) throw new XprovError('XP_JCS_INVALID', `lone surrogate in string at ${path}`);
  return JSON.stringify(s);
}

/** RFC 8785 §3.2.2.3: numbers as ECMAScript Number.prototype.toString (which JSON.stringify uses). */
function serializeNumber(n: number, path: string): string {
  if (!Number.isFinite(n)) throw new XprovError('XP_JCS_INVALID', `non-finite number at ${path}`);
  return JSON.stringify(n); // -0 becomes "0", as RFC 8785 requires
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function serialize(value: unknown, path: string, depth: number, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value, path);
    case 'number':
      return serializeNumber(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new XprovError('XP_JCS_INVALID', `${typeof value} is not JSON at ${path}`);
  }
  if (value === null) return 'null';
  if (depth >= MAX_DEPTH) throw new XprovError('XP_JCS_INVALID', `nesting deeper than ${MAX_DEPTH} at ${path}`);
  if (seen.has(value)) throw new XprovError('XP_JCS_INVALID', `cycle at ${path}`);
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new XprovError('XP_JCS_INVALID', `sparse array at ${path}[${i}]`);
      parts.push(serialize(value[i], `${path}[${i}]`, depth + 1, seen));
    }
    out = `[${parts.join(',')}]`;
  } else if (isPlainObject(value)) {
    // RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names, which is what
    // the default Array.prototype.sort comparison does.
    const keys = Object.keys(value).sort();
    const parts: string[] = [];
    for (const k of keys) {
      parts.push(`${serializeString(k, path)}:${serialize(value[k], `${path}.${k}`, depth + 1, seen)}`);
    }
    out = `{${parts.join(',')}}`;
  } else {
    throw new XprovError('XP_JCS_INVALID', `non-plain object at ${path}`);
  }
  seen.delete(value);
  return out;
}

/** The RFC 8785 canonical JSON text of `value`. Throws `XP_JCS_INVALID` if `value` is not I-JSON. */
export function jcs(value: unknown): string {
  return serialize(value, '$', 0, new Set());
}

/** The UTF-8 bytes of `jcs(value)`: what DESIGN §2 hashes and what a log entry (§3) is. */
export function jcsBytes(value: unknown): Uint8Array {
  return encoder.encode(jcs(value));
}
