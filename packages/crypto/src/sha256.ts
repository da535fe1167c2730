/**
 * SHA-256 (RFC 6234): node:crypto when present, @noble/hashes otherwise.
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

const encoder = new TextEncoder();

export function sha256(data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  if (nodeCrypto) return new Uint8Array(nodeCrypto.createHash('sha256').update(bytes).digest());
  return nobleSha256(bytes);
}
