/**
 * Red-team hardening (spec/verification.md 2.1, 2.5, 2.6, 9.1, 13.3): the pure helpers on their
 * edge cases, and verifyBundle on inputs that JSON files cannot express (class instances,
 * getters, undefined). Vectors cover the rest (test-vectors/vectors).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64Encode, encodeCoseReceipt } from '@xprov/log-core';
import { describe, expect, it } from 'vitest';
import { CoseReceiptError, receiptFromCoseBase64 } from '../src/cose-receipt.js';
import { failingCodes, verifyBundle } from '../src/index.js';
import { signaturesCanonical } from '../src/log.js';
import { MAX_JSON_DEPTH, plainJsonProblem } from '../src/plain-json.js';
import { bitAt } from '../src/status.js';

const vectors = join(import.meta.dirname, '../../../test-vectors/vectors');
// biome-ignore lint/suspicious/noExplicitAny: vector JSON, edited freely in tests
const vector = (id: string) => JSON.parse(readFileSync(join(vectors, `${id}.json`), 'utf8')) as { bundle: Record<string, any>; trust: unknown };

describe('plain JSON (2.1)', () => {
  it('accepts JSON values, members named constructor and prototype included', () => {
    expect(plainJsonProblem(JSON.parse('{"a":[1,"x",true,null,{"constructor":{},"prototype":1}]}'))).toBeUndefined();
    expect(plainJsonProblem(Object.create(null))).toBeUndefined();
  });
  it('refuses an own __proto__ member at any depth', () => {
    expect(plainJsonProblem(JSON.parse('{"__proto__":{}}'))).toMatch(/__proto__/);
    expect(plainJsonProblem(JSON.parse('[{"a":{"__proto__":1}}]'))).toMatch(/__proto__/);
  });
  it('refuses non-JSON values, class instances, getters, symbol keys, holes and excessive depth', () => {
    expect(plainJsonProblem({ a: undefined })).toBeDefined();
    expect(plainJsonProblem({ a: Number.NaN })).toBeDefined();
    expect(plainJsonProblem({ a: 1n })).toBeDefined();
    expect(plainJsonProblem({ a: new Date(0) })).toBeDefined();
    expect(plainJsonProblem(Object.defineProperty({}, 'a', { get: () => 1, enumerable: true }))).toBeDefined();
    expect(plainJsonProblem(Object.defineProperty({}, 'a', { value: 1, enumerable: false }))).toBeDefined();
    expect(plainJsonProblem({ [Symbol('s')]: 1 })).toBeDefined();
    // biome-ignore lint/suspicious/noSparseArray: a hole on purpose
    expect(plainJsonProblem([1, , 3])).toBeDefined();
    let deep: unknown = 1;
    for (let i = 0; i <= MAX_JSON_DEPTH; i++) deep = [deep];
    expect(plainJsonProblem(deep)).toMatch(/deeper/);
  });
  it('verifyBundle reports XP_MALFORMED (and nothing else) for such a value inside a valid bundle', async () => {
    const v = vector('valid-delegation-2');
    v.bundle.permit.credentialSubject.limits.when = new Date(0);
    const r = await verifyBundle(v.bundle, v.trust);
    expect(r.verdict).toBe('invalid');
    expect(failingCodes(r)).toEqual(['XP_MALFORMED']);
  });
});

describe('status index arithmetic (9.1)', () => {
  const bits = new Uint8Array(16).fill(0xff);
  it('reads every bit of the list', () => {
    expect(bitAt(bits, 0)).toBe(true);
    expect(bitAt(bits, 127)).toBe(true);
  });
  it('never wraps: 2^32, 2^32 + 1, 2^53 and negatives are beyond the list', () => {
    for (const i of [128, 2 ** 32, 2 ** 32 + 1, 2 ** 53, -1, 0.5]) expect(() => bitAt(bits, i)).toThrow(RangeError);
  });
});

describe('canonical signature lines (13.3)', () => {
  const note = vector('valid-root-grant-only').bundle.receipts[0].checkpoint as string;
  it('accepts the log’s own spelling', () => {
    expect(signaturesCanonical(note)).toBe(true);
  });
  it('refuses non-zero trailing bits in the final character', () => {
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const at = note.lastIndexOf('=\n');
    const respelt = `${note.slice(0, at - 1)}${B64[B64.indexOf(note[at - 1]!) | 1]}${note.slice(at)}`;
    expect(respelt).not.toBe(note);
    expect(signaturesCanonical(respelt)).toBe(false);
  });
});

describe('COSE receipts (2.6)', () => {
  const dummy = { index: 0, treeSize: 1, inclusionProof: [], rootHash: new Uint8Array(32), sign: () => new Uint8Array(64) };
  it('refuses bytes that are not CBOR, a wrong shape, and a receipt without the checkpoint header', () => {
    expect(() => receiptFromCoseBase64('x', 'QUJD')).toThrow(CoseReceiptError);
    expect(() => receiptFromCoseBase64('x', base64Encode(new Uint8Array([0x80])))).toThrow(CoseReceiptError);
    expect(() => receiptFromCoseBase64('x', base64Encode(encodeCoseReceipt(dummy)))).toThrow(/checkpoint/);
  });
  it('reads what xprov export scitt writes (valid-cose-receipts) as the JSON receipt', () => {
    const json = vector('valid-delegation-2').bundle.receipts[0];
    const cose = vector('valid-cose-receipts').bundle.coseReceipts[0];
    expect(receiptFromCoseBase64(cose.credentialId, cose.cose)).toEqual(json);
  });
});
