/**
 * Strict reading of a JSON text (spec/verification.md 2.1, spec/cli-verify.md §2a): UTF-8 without
 * invalid sequences, and no object with two members of the same name (I-JSON, RFC 7493 §2.3).
 * `JSON.parse` keeps the last of duplicate members, so two readers of one attacker-supplied text
 * could see two different bundles; this reader refuses such a text instead. Pure: text in, value out.
 */

export class StrictJsonError extends Error {}

/** Decodes UTF-8 strictly (an invalid sequence is an error, never U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new StrictJsonError('not UTF-8');
  }
}

/**
 * The first member name that occurs twice in one object of `text`, or undefined. `text` must
 * already be valid JSON (it is scanned, not validated). Names are compared after unescaping, so
 * `"a"` and `"\u0061"` are the same name.
 */
export function duplicateMember(text: string): string | undefined {
  const stack: ({ keys: Set<string>; expectKey: boolean } | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) stack.push({ keys: new Set(), expectKey: true });
    else if (c === 0x5b /* [ */) stack.push(null);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = true;
    } else if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c /* \ */ ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.expectKey) {
        const name = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(name)) return name;
        top.keys.add(name);
        top.expectKey = false;
      }
      i = j;
    }
  }
  return undefined;
}

/** JSON.parse, refusing duplicate member names. Throws StrictJsonError or SyntaxError. */
export function parseStrictJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  const dup = duplicateMember(text);
  if (dup !== undefined) throw new StrictJsonError(`duplicate member name ${JSON.stringify(dup)}`);
  return value;
}
