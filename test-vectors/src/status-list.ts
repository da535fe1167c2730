/**
 * W3C Bitstring Status List v1.0 §3.1 (bitstring generation) for the vectors: a bitstring of
 * at least 16 KiB (131,072 entries), index 0 is the left-most (most significant) bit of the first
 * byte, GZIP-compressed, then multibase base64url without padding (prefix `u`).
 *
 * The GZIP header's MTIME is 0 and no file name is written, so the encoding is byte-stable.
 */
import { gzipSync } from 'fflate';

/** Minimum length of a status list, in entries (Bitstring Status List v1.0 §3.1, herd privacy). */
export const MIN_STATUS_LIST_ENTRIES = 131_072;

export function encodeStatusList(setIndexes: readonly number[], length = MIN_STATUS_LIST_ENTRIES): string {
  const bytes = new Uint8Array(Math.ceil(length / 8));
  for (const i of setIndexes) {
    if (!Number.isInteger(i) || i < 0 || i >= length) throw new RangeError(`status index ${i} out of range`);
    bytes[i >> 3]! |= 0x80 >> (i & 7);
  }
  const gz = gzipSync(bytes, { level: 9, mtime: 0 });
  return 'u' + Buffer.from(gz).toString('base64url');
}
