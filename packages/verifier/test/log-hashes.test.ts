/** §13 proof hashes (src/log.ts decodeHashes): 32 bytes in canonical base64, nothing else. */
import { base64DecodeOrUndefined, base64Encode } from '@xprov/log-core';
import { describe, expect, it } from 'vitest';
import { decodeHashes } from '../src/log.js';

/** The definition: decodes to 32 bytes that encode back to the same string. */
function canonical32(s: string): boolean {
  const h = base64DecodeOrUndefined(s);
  return h?.length === 32 && base64Encode(h) === s;
}

describe('decodeHashes', () => {
  it('accepts exactly the canonical base64 of 32 bytes (every last character, random strings)', () => {
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    let seed = 5;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const cases: string[] = ['', '=', 'A'.repeat(44), `${'A'.repeat(43)}=`, `${'A'.repeat(42)}==`, `${'A'.repeat(43)}==`];
    for (let i = 0; i < 3000; i++) {
      const bytes = new Uint8Array(32).map(() => rand(256));
      const good = base64Encode(bytes);
      cases.push(good);
      for (const c of `${B64}=-_ .`) cases.push(good.slice(0, 42) + c + good.slice(43));
      cases.push(good.slice(0, 43) + B64[rand(64)], `${good}=`, good.slice(1), `${B64[rand(64)]}${good}`);
      let s = '';
      for (let k = 0, n = 40 + rand(8); k < n; k++) s += `${B64}=`[rand(65)];
      cases.push(s);
    }
    const wrong = cases.filter((s) => (decodeHashes([s]) !== undefined) !== canonical32(s));
    expect(wrong).toEqual([]);
    const ok = cases.filter(canonical32);
    expect(ok.length).toBeGreaterThan(3000 * 16);
    for (const s of ok.slice(0, 500)) expect(base64Encode(decodeHashes([s])![0]!)).toBe(s);
    expect(decodeHashes([ok[0]!, 'x'])).toBeUndefined();
    expect(decodeHashes([])).toEqual([]);
  });
});
