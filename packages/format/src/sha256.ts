/**
 * SHA-256 (RFC 6234) for every xprov package: node:crypto's native hash when the runtime has it
 * (reached through `process.getBuiltinModule`, no static import, so browser bundles never see
 * it), @noble/hashes otherwise. Same bytes either way; the native path is several times faster.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

type NodeCrypto = typeof import('node:crypto');

const nodeCrypto = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const mod = proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
    return mod && typeof mod.createHash === 'function' ? mod : undefined;
  } catch {
    return undefined;
  }
})();

const oneShot = typeof nodeCrypto?.hash === 'function' ? nodeCrypto.hash : undefined;

const encoder = new TextEncoder();

/** SHA-256 of bytes, or of a string's UTF-8 bytes (node:crypto encodes it natively, no copy in JS). */
export function sha256(data: Uint8Array | string): Uint8Array {
  if (nodeCrypto) {
    // One-shot crypto.hash (Node ≥ 20.12) skips the Hash object; createHash otherwise.
    const d = oneShot ? oneShot('sha256', data, 'buffer') : nodeCrypto.createHash('sha256').update(data).digest();
    return new Uint8Array(d.buffer, d.byteOffset, d.length); // a plain Uint8Array view, not a Buffer
  }
  return nobleSha256(typeof data === 'string' ? encoder.encode(data) : data);
}
