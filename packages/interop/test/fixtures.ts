import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testGovernorKey, testLogKey } from '../src/index.js';

export const VECTORS_DIR = fileURLToPath(new URL('../../../test-vectors/vectors/', import.meta.url));

export interface BundleVector {
  id: string;
  bundle: Record<string, unknown> & { receipts: Array<Record<string, unknown>> };
  trust: Record<string, unknown> & { logs: Array<{ origin: string; vkey: string }>; governors: string[] };
  expected: { verdict: string; codes: string[] };
}

export function loadVector(id: string): BundleVector {
  return JSON.parse(readFileSync(`${VECTORS_DIR}${id}.json`, 'utf8')) as BundleVector;
}

export const clone = <T>(v: T): T => structuredClone(v);

export const governor = testGovernorKey();

export function logKeyOf(v: BundleVector) {
  const log = v.trust.logs[0];
  if (!log) throw new Error('vector without a log');
  return testLogKey(log.origin, log.vkey);
}

/** RFC 9162 §2.1.3.2 root from an inclusion proof, written here with node:crypto only (independent of log-core). */
export function independentRoot(leaf: Uint8Array, index: number, size: number, path: Uint8Array[]): Uint8Array {
  const h = (...parts: Uint8Array[]) => new Uint8Array(createHash('sha256').update(Buffer.concat(parts)).digest());
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) throw new Error('proof too long');
    if ((fn & 1) === 1 || fn === sn) {
      r = h(Uint8Array.of(1), p, r);
      if ((fn & 1) === 0) {
        while ((fn & 1) === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = h(Uint8Array.of(1), r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn !== 0) throw new Error('proof too short');
  return r;
}

export function independentLeaf(entry: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(Buffer.concat([Uint8Array.of(0), entry])).digest());
}
