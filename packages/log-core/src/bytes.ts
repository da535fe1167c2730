/**
 * Byte helpers that run unchanged in Node and in a browser (no `Buffer`, no `node:` imports).
 * Every decoder is strict: input an attacker controls (note lines, proof lines, tile bytes)
 * either decodes exactly or throws the caller's coded error.
 */
import { XprovError } from '@xprov/format';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Standard base64 (RFC 4648 §4) with padding. */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return out;
}

/**
 * Strict standard base64 with padding: length a multiple of 4, only the RFC 4648 alphabet,
 * `=` only as final padding. Returns undefined on any deviation (callers raise their own code).
 */
export function base64DecodeOrUndefined(s: string): Uint8Array | undefined {
  if (s.length % 4 !== 0) return undefined;
  let pad = 0;
  if (s.endsWith('==')) pad = 2;
  else if (s.endsWith('=')) pad = 1;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = s.charCodeAt(i + j);
      let v: number;
      if (c === 61 /* = */ && i + 4 === s.length && j >= 4 - pad) v = 0;
      else {
        v = c < 128 ? B64_INDEX[c]! : -1;
        if (v < 0) return undefined;
      }
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

export function base64Decode(s: string, code: string, what: string): Uint8Array {
  const b = base64DecodeOrUndefined(s);
  if (b === undefined) throw new XprovError(code, `${what} is not valid base64`);
  return b;
}

export function hexEncode(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function hexDecode(s: string): Uint8Array {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new XprovError('XP_MALFORMED', 'not hex');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export function utf8Encode(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decodes UTF-8, returning undefined for invalid sequences. */
export function utf8DecodeOrUndefined(b: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(b);
  } catch {
    return undefined;
  }
}

/** ASCII decimal with no leading zeroes ("0" only for zero), as C2SP specs require. */
export function parseDecimal(s: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(s) || s.length > 16) return undefined;
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n > max) return undefined;
  return n;
}

export function isSafeIndex(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** True if `s` has an ASCII control character (below U+0020), newline allowed if `allowNewline`. */
export function hasControlChar(s: string, allowNewline: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && !(allowNewline && c === 0x0a)) return true;
  }
  return false;
}
