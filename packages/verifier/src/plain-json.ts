/**
 * Step 2.1's first rule (spec/verification.md 2.1): the bundle must be a plain JSON value before
 * its schema is checked, so that the parsed value every later step reads, digests and verifies is,
 * member for member, the input. The whole value is attacker-controlled. In particular an own
 * member named `__proto__` (JSON.parse creates one for `"__proto__": …`) is refused: schema
 * parsers, object spreads and some JCS / JSON-LD implementations drop it or make it a prototype,
 * so a signed view and a checked view of one credential would differ.
 */

/** Deeper than any bundle needs (JCS in @xprov/format refuses beyond its own limit too). */
export const MAX_JSON_DEPTH = 64;

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Whether `value` is plain JSON: exactly the rules of `problemAt` below, without building a path
 * for every member (that was most of the cost); only a value that fails is walked again for the
 * path and reason.
 */
function isPlainJson(value: unknown): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    switch (typeof v) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (Number.isFinite(v)) continue;
        return false;
      case 'object':
        break;
      default:
        return false;
    }
    if (v === null) continue;
    if (depth >= MAX_JSON_DEPTH) return false;
    if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) return false;
      for (let i = 0; i < v.length; i++) {
        if (!Object.hasOwn(v, i)) return false;
        values.push(v[i]);
        depths.push(depth + 1);
      }
      continue;
    }
    if (!isPlainObject(v)) return false;
    if (Object.getOwnPropertySymbols(v).length > 0) return false;
    for (const key of Object.getOwnPropertyNames(v)) {
      if (key === '__proto__') return false;
      const d = Object.getOwnPropertyDescriptor(v, key)!;
      if (!d.enumerable || !('value' in d)) return false;
      values.push(d.value);
      depths.push(depth + 1);
    }
  }
  return true;
}

/** Where `value` is not plain JSON (a path and a reason), or undefined when it is. */
export function plainJsonProblem(value: unknown): string | undefined {
  return isPlainJson(value) ? undefined : (problemAt(value) ?? '$: not plain JSON');
}

function problemAt(value: unknown): string | undefined {
  // Iterative, so that depth is bounded by the check and not by the call stack.
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '$', depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    switch (typeof v) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (Number.isFinite(v)) continue;
        return `${path}: not a finite number`;
      case 'object':
        break;
      default:
        return `${path}: not a JSON value (${typeof v})`;
    }
    if (v === null) continue;
    if (depth >= MAX_JSON_DEPTH) return `${path}: nested deeper than ${MAX_JSON_DEPTH}`;
    if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) return `${path}: not a plain array`;
      for (let i = 0; i < v.length; i++) {
        if (!Object.hasOwn(v, i)) return `${path}[${i}]: a hole`;
        stack.push({ v: v[i], path: `${path}[${i}]`, depth: depth + 1 });
      }
      continue;
    }
    if (!isPlainObject(v)) return `${path}: not a plain object`;
    if (Object.getOwnPropertySymbols(v).length > 0) return `${path}: symbol keys`;
    for (const key of Object.getOwnPropertyNames(v)) {
      if (key === '__proto__') return `${path}: a member named "__proto__"`;
      const d = Object.getOwnPropertyDescriptor(v, key)!;
      if (!d.enumerable || !('value' in d)) return `${path}.${key}: not a plain data member`;
      stack.push({ v: d.value, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}
