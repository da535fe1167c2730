/**
 * base58btc (the Bitcoin alphabet), as used by multibase prefix `z` in DESIGN §2 digests and in
 * Multikey/did:key values. Decoding input is attacker-controlled: any character outside the
 * alphabet is refused with `XP_MULTIBASE_INVALID`.
 */
import { XprovError } from './errors.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // Base conversion 256 -> 58, little-endian digits.
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = '1'.repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i]!];
  return out;
}

/** Alphabet index by char code; -1 outside the alphabet (and for every code ≥ 128). */
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/**
 * Base conversion 58 -> 256, three characters (58^3 = 195,112) per pass over a big-endian byte
 * buffer sized for the input (log 58 / log 256 < 0.733), so every product fits in 32 bits.
 * Same output as the digit-by-digit conversion, and the same error at the first bad character.
 */
export function base58btcDecode(text: string): Uint8Array {
  const n = text.length;
  let zeros = 0;
  while (zeros < n && text.charCodeAt(zeros) === 49 /* '1' */) zeros++;
  const size = Math.floor(((n - zeros) * 733) / 1000) + 1;
  const buf = new Uint8Array(size);
  let used = 0; // significant bytes at the end of buf
  let i = zeros;
  while (i < n) {
    let carry = 0;
    let mul = 1;
    for (let k = 0; k < 3 && i < n; k++, i++) {
      const c = text.charCodeAt(i);
      const v = c < 128 ? DECODE[c]! : -1;
      if (v < 0) throw new XprovError('XP_MULTIBASE_INVALID', `not a base58btc character at offset ${i}`);
      carry = carry * 58 + v;
      mul *= 58;
    }
    let j = 0;
    for (let p = size - 1; (carry !== 0 || j < used) && p >= 0; p--, j++) {
      carry += buf[p]! * mul;
      buf[p] = carry & 0xff;
      carry >>>= 8;
    }
    used = j;
  }
  const out = new Uint8Array(zeros + used);
  out.set(buf.subarray(size - used), zeros);
  return out;
}
