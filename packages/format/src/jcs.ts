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

/** Whether `s` has no lone surrogate: the native `isWellFormed` (ES2024) where present, a regex otherwise. */
const wellFormed: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (s) => (s as string & { isWellFormed(): boolean }).isWellFormed()
    : (s) => !LONE_SURROGATE.test(s);

/**
 * Where the serializer is, for error messages only: the keys and indexes from the root. Kept as a
 * stack and spelled out (`$.a[0].b`) only when an error is thrown, so the common path builds no
 * path strings.
 */
type Path = (string | number)[];

function where(path: Path, last?: string | number): string {
  let out = '$';
  const all = last === undefined ? path : [...path, last];
  for (const p of all) out += typeof p === 'number' ? `[${p}]` : `.${p}`;
  return out;
}

function invalid(message: string): never {
  throw new XprovError('XP_JCS_INVALID', message);
}

/**
 * Characters JSON.stringify escapes (quote, backslash, C0 controls) or that need the surrogate
 * check. A string with none of them is written as is between quotes, as JSON.stringify would.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the C0 controls JSON escapes is the point
const SPECIAL = /["\\\u0000-\u001f\ud800-\udfff]/;

/** RFC 8785 §3.2.2.2: strings as ECMAScript JSON.stringify writes them, lone surrogates refused (RFC 7493 §2.1). */
function serializeString(s: string, path: Path): string {
  if (!SPECIAL.test(s)) return `"${s}"`;
  if (!wellFormed(s)) invalid(`lone surrogate in string at ${where(path)}`);
  return JSON.stringify(s);
}

/**
 * Own keys in RFC 8785 §3.2.3 order (UTF-16 code units, as `Array.prototype.sort`'s default
 * comparison and `<` on strings both order them). Keys are distinct, so any correct sort gives the
 * one order; the insertion sort spares the built-in sort's work array on the small objects that
 * credentials are made of (most of the serializer's allocation).
 */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  const n = keys.length;
  if (n > 16) return keys.sort();
  for (let i = 1; i < n; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Canonical texts of objects already serialized, shared by several `jcs` calls in one scope the
 * caller controls (e.g. one bundle verification, where a credential's parts are serialized for its
 * digest, its proof and the presentation that carries it). Keyed by object identity, so the caller
 * must not mutate a value while the memo lives; `height` (object levels below) keeps MAX_DEPTH exact.
 */
export type JcsMemo = WeakMap<object, { text: string; height: number }>;

interface State {
  path: Path;
  seen: Set<object>;
  memo: JcsMemo | undefined;
  /** Deepest object depth reached so far (for memo heights). */
  reached: number;
}

function serialize(value: unknown, depth: number, st: State): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value, st.path);
    case 'number':
      // RFC 8785 §3.2.2.3: numbers as ECMAScript Number.prototype.toString (which JSON.stringify
      // uses); -0 becomes "0", as RFC 8785 requires.
      if (!Number.isFinite(value)) invalid(`non-finite number at ${where(st.path)}`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      invalid(`${typeof value} is not JSON at ${where(st.path)}`);
  }
  if (value === null) return 'null';
  if (depth >= MAX_DEPTH) invalid(`nesting deeper than ${MAX_DEPTH} at ${where(st.path)}`);
  const { path, seen, memo } = st;
  if (seen.has(value)) invalid(`cycle at ${where(path)}`);
  const known = memo?.get(value);
  // A memoized subtree is reused only where the same text would come out without the memo.
  if (known !== undefined && depth + known.height < MAX_DEPTH) {
    if (depth + known.height > st.reached) st.reached = depth + known.height;
    return known.text;
  }
  const reachedBefore = st.reached;
  st.reached = depth;
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) invalid(`sparse array at ${where(path, i)}`);
      path.push(i);
      out += i === 0 ? serialize(value[i], depth + 1, st) : `,${serialize(value[i], depth + 1, st)}`;
      path.pop();
    }
    out += ']';
  } else if (isPlainObject(value)) {
    // RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names, which is what
    // the default Array.prototype.sort comparison does.
    const keys = sortedKeys(value);
    out = '{';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const name = serializeString(k, path);
      path.push(k);
      out += `${i === 0 ? '' : ','}${name}:${serialize(value[k], depth + 1, st)}`;
      path.pop();
    }
    out += '}';
  } else {
    invalid(`non-plain object at ${where(path)}`);
  }
  seen.delete(value);
  memo?.set(value, { text: out, height: st.reached - depth });
  if (reachedBefore > st.reached) st.reached = reachedBefore;
  return out;
}

/**
 * The RFC 8785 canonical JSON text of `value`. Throws `XP_JCS_INVALID` if `value` is not I-JSON.
 * With a `memo`, objects serialized by an earlier call with the same memo are not walked again.
 */
export function jcs(value: unknown, memo?: JcsMemo): string {
  return serialize(value, 0, { path: [], seen: new Set(), memo, reached: 0 });
}

/** The UTF-8 bytes of `jcs(value)`: what DESIGN §2 hashes and what a log entry (§3) is. */
export function jcsBytes(value: unknown, memo?: JcsMemo): Uint8Array {
  return encoder.encode(jcs(value, memo));
}
