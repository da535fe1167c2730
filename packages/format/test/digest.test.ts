import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base58btcDecode, base58btcEncode } from '../src/base58btc.js';
import { decodeDigestMultibase, digestMultibase, isSha256Multibase, sha256Multibase } from '../src/digest.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('base58btc', () => {
  // draft-msporny-base58 §5 test vectors.
  it.each([
    ['Hello World!', '2NEpo7TZRRrLZSi2U'],
    ['The quick brown fox jumps over the lazy dog.', 'USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z'],
  ])('encodes %j', (text, b58) => {
    expect(base58btcEncode(new TextEncoder().encode(text))).toBe(b58);
    expect(new TextDecoder().decode(base58btcDecode(b58))).toBe(text);
  });

  it('keeps leading zero bytes as leading 1s', () => {
    const bytes = Uint8Array.from([0, 0, 0x28, 0x7f, 0xb4, 0xcd]);
    expect(base58btcEncode(bytes)).toBe('11233QC4');
    expect(base58btcDecode('11233QC4')).toEqual(bytes);
    expect(base58btcEncode(new Uint8Array())).toBe('');
  });

  it('round-trips random bytes', () => {
    for (let n = 0; n < 64; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 0xff);
      expect(base58btcDecode(base58btcEncode(bytes))).toEqual(bytes);
    }
  });

  it.each(['0', 'O', 'I', 'l', 'abc+', ' '])('refuses %j with XP_MULTIBASE_INVALID', (s) => {
    expect(code(() => base58btcDecode(s))).toBe('XP_MULTIBASE_INVALID');
  });
});

describe('digestMultibase (DESIGN §2)', () => {
  it('is z + base58btc(0x12 0x20 ‖ sha256(JCS bytes))', () => {
    const value = { b: 2, a: [1, 'x'] };
    const sha = createHash('sha256').update('{"a":[1,"x"],"b":2}').digest();
    const expected = `z${base58btcEncode(Buffer.concat([Buffer.from([0x12, 0x20]), sha]))}`;
    expect(digestMultibase(value)).toBe(expected);
    expect(sha256Multibase(new TextEncoder().encode('{"a":[1,"x"],"b":2}'))).toBe(expected);
  });

  it('of a known value', () => {
    // sha256("") = e3b0c442…b855; the multihash of it in base58btc is a well-known IPFS-style value.
    expect(sha256Multibase(new Uint8Array())).toBe('zQmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n');
    expect(digestMultibase({})).toBe(sha256Multibase(new TextEncoder().encode('{}')));
  });

  it('is independent of member order and changes with any value', () => {
    expect(digestMultibase({ a: 1, b: 2 })).toBe(digestMultibase({ b: 2, a: 1 }));
    expect(digestMultibase({ a: 1, b: 2 })).not.toBe(digestMultibase({ a: 1, b: 3 }));
  });

  it('decodes back to the 32 digest bytes', () => {
    const d = digestMultibase({ a: 1 });
    expect(Buffer.from(decodeDigestMultibase(d)).toString('hex')).toBe(
      createHash('sha256').update('{"a":1}').digest('hex'),
    );
  });

  it.each([
    ['not multibase z', 'Qmabc'],
    ['wrong hash code', `z${base58btcEncode(Uint8Array.from([0x13, 0x20, ...new Uint8Array(32)]))}`],
    ['wrong length', `z${base58btcEncode(Uint8Array.from([0x12, 0x20, 1, 2, 3]))}`],
    ['bad character', 'z0OIl'],
  ])('decodeDigestMultibase refuses %s', (_n, s) => {
    expect(code(() => decodeDigestMultibase(s))).toBe('XP_MULTIBASE_INVALID');
  });

  it('refuses non-JSON values with XP_JCS_INVALID', () => {
    expect(code(() => digestMultibase({ n: Number.NaN }))).toBe('XP_JCS_INVALID');
  });
});

describe('isSha256Multibase (the schema check of a digest, without decoding)', () => {
  const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  const decodes = (s: string) => {
    try {
      decodeDigestMultibase(s);
      return true;
    } catch {
      return false;
    }
  };
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const least = `z${base58btcEncode(new Uint8Array([0x12, 0x20, ...new Uint8Array(32)]))}`;
  const greatest = `z${base58btcEncode(new Uint8Array([0x12, 0x20, ...new Uint8Array(32).fill(0xff)]))}`;

  it('answers exactly as decodeDigestMultibase on 200k strings near and far from the bounds', () => {
    const cases: string[] = [least, greatest, 'z', '', 'Q', `x${least.slice(1)}`, `${least}1`, least.slice(0, -1)];
    for (let i = 0; i < 50_000; i++) {
      const bytes = new Uint8Array(34).map(() => rand(256));
      if (rand(2)) bytes.set([0x12, 0x20]);
      cases.push(`z${base58btcEncode(bytes.subarray(rand(4) === 0 ? rand(3) : 0))}`);
      // the bounds with their last characters changed, and any string of the same shape
      for (const bound of [least, greatest]) {
        const at = bound.length - 1 - rand(6);
        cases.push(bound.slice(0, at) + ALPHABET[rand(58)] + bound.slice(at + 1));
      }
      let s = 'z';
      for (let k = 0, n = 44 + rand(5); k < n; k++) s += rand(200) === 0 ? '0Il+' [rand(4)] : ALPHABET[rand(58)];
      cases.push(rand(50) === 0 ? `1${s.slice(1)}` : s);
    }
    expect(cases.filter((s) => isSha256Multibase(s) !== decodes(s))).toEqual([]);
    expect(cases.filter(isSha256Multibase).length).toBeGreaterThan(40_000);
  });
});
