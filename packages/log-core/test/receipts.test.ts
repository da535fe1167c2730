import { Encoder, Tag } from 'cbor-x';
import { describe, expect, it } from 'vitest';
import {
  encodeCoseReceipt,
  formatTlogProof,
  generateCosignerKey,
  generateNoteKey,
  leafHash,
  makeReceipt,
  MemoryTree,
  parseTlogProof,
  receiptFromTlogProof,
  receiptToTlogProof,
  signCheckpoint,
  cosignCheckpoint,
  formatCheckpoint,
  verifyCoseReceipt,
  verifyReceipt,
} from '../src/index.js';
import { enc, expectCode, toHex } from './helpers.js';

const ORIGIN = 'example.com/log';
const log = generateNoteKey(ORIGIN);
const tree = new MemoryTree();
for (let i = 0; i < 13; i++) tree.append(enc(`entry ${i}`));
const cp = signCheckpoint({ origin: ORIGIN, size: 13, rootHash: tree.root() }, [log.signer]);

describe('tlog-proof text', () => {
  it('round-trips, with and without extra data', () => {
    const p = { index: 6, inclusionProof: tree.inclusionProof(6), checkpoint: cp };
    const text = formatTlogProof(p);
    expect(text.startsWith('c2sp.org/tlog-proof@v1\nindex 6\n')).toBe(true);
    expect(parseTlogProof(text)).toEqual(p);
    const withExtra = formatTlogProof({ ...p, extra: enc('hi') });
    expect(withExtra.split('\n')[1]).toBe('extra aGk=');
    expect(parseTlogProof(withExtra).extra).toEqual(enc('hi'));
  });
  it('rejects malformed proofs', () => {
    for (const t of [
      `c2sp.org/tlog-proof@v2\nindex 1\n\n${cp}`,
      `c2sp.org/tlog-proof@v1\nindex 01\n\n${cp}`,
      `c2sp.org/tlog-proof@v1\nextra !!\nindex 1\n\n${cp}`,
      `c2sp.org/tlog-proof@v1\nindex 1\nAAAA\n\n${cp}`,
      `c2sp.org/tlog-proof@v1\nindex 1\n\n`,
      'c2sp.org/tlog-proof@v1\nindex 1\n',
    ]) {
      expectCode(() => parseTlogProof(t), 'XP_TLOG_PROOF_MALFORMED');
    }
  });
});

describe('log receipts (DESIGN §3)', () => {
  const w = generateCosignerKey('witness.example/w1');
  const body = formatCheckpoint({ origin: ORIGIN, size: 13, rootHash: tree.root() });
  const cosigned = cp + cosignCheckpoint(body, 1700000000, w);
  const receipt = makeReceipt(ORIGIN, 6, 13, tree.inclusionProof(6), cosigned);
  const trust = { logs: [{ origin: ORIGIN, verifiers: [log.verifier] }], witnesses: [w.verifier], witnessThreshold: 1 };

  it('verifies against trusted log and witness keys', () => {
    const v = verifyReceipt(receipt, enc('entry 6'), trust);
    expect(v.checkpoint.size).toBe(13);
    expect(v.cosignatures).toHaveLength(1);
    verifyReceipt(receipt, { leafHash: tree.leafHash(6) }, trust);
    expect(receiptFromTlogProof(receiptToTlogProof(receipt))).toEqual(receipt);
  });
  it('fails with the DESIGN §4 code for each broken part', () => {
    expectCode(() => verifyReceipt(receipt, enc('entry 7'), trust), 'XP_LOG_INCLUSION');
    expectCode(() => verifyReceipt({ ...receipt, index: 7 }, enc('entry 6'), trust), 'XP_LOG_INCLUSION');
    expectCode(() => verifyReceipt({ ...receipt, treeSize: 12 }, enc('entry 6'), trust), 'XP_LOG_INCLUSION');
    expectCode(() => verifyReceipt({ ...receipt, origin: 'example.com/x' }, enc('entry 6'), trust), 'XP_LOG_UNTRUSTED');
    const otherLog = generateNoteKey(ORIGIN);
    expectCode(
      () => verifyReceipt(receipt, enc('entry 6'), { ...trust, logs: [{ origin: ORIGIN, verifiers: [otherLog.verifier] }] }),
      'XP_LOG_CHECKPOINT_SIGNATURE',
    );
    expectCode(() => verifyReceipt({ ...receipt, checkpoint: cp }, enc('entry 6'), trust), 'XP_LOG_WITNESS');
    expectCode(() => verifyReceipt({ ...receipt, inclusionProof: ['AAAA'] }, enc('entry 6'), trust), 'XP_MALFORMED');
    expectCode(() => verifyReceipt(null, enc('entry 6'), trust), 'XP_MALFORMED');
  });
});

describe('COSE receipts (RFC 9942, RFC9162_SHA256)', () => {
  const make = (index: number) =>
    encodeCoseReceipt({
      index,
      treeSize: 13,
      inclusionProof: tree.inclusionProof(index),
      rootHash: tree.root(),
      sign: log.signer.sign,
      kid: new Uint8Array([1, 2, 3, 4]),
    });
  const cbor = new Encoder({ mapsAsObjects: false, useRecords: false, tagUint8Array: false });

  it('has the RFC 9942 structure: tag 18, alg -8, vds 1, vdp {-1: [bstr]}, detached payload', () => {
    const bytes = make(6);
    expect(bytes[0]).toBe(0xd2);
    const msg = cbor.decode(bytes) as Tag;
    expect(msg.tag).toBe(18);
    const [prot, unprot, payload] = msg.value as [Uint8Array, Map<number, Map<number, Uint8Array[]>>, null];
    expect(toHex(prot)).toBe('a301270444010203041901' + '8b01');
    expect(payload).toBeNull();
    const proof = cbor.decode(unprot.get(396)!.get(-1)![0]!) as [number, number, Uint8Array[]];
    expect(proof[0]).toBe(13);
    expect(proof[1]).toBe(6);
    expect(proof[2].map((h) => toHex(h))).toEqual(tree.inclusionProof(6).map(toHex));
  });
  it('verifies for the right leaf and key, and fails otherwise', () => {
    const v = verifyCoseReceipt(make(6), tree.leafHash(6), log.publicKey);
    expect(toHex(v.rootHash)).toBe(toHex(tree.root()));
    expect(v.kid).toEqual(new Uint8Array([1, 2, 3, 4]));
    expectCode(() => verifyCoseReceipt(make(6), leafHash(enc('other')), log.publicKey), 'XP_LOG_CHECKPOINT_SIGNATURE');
    expectCode(() => verifyCoseReceipt(make(6), tree.leafHash(6), generateNoteKey('x').publicKey), 'XP_LOG_CHECKPOINT_SIGNATURE');
    expectCode(() => verifyCoseReceipt(make(6), tree.leafHash(6), log.publicKey, { expectedRoot: tree.root(12) }), 'XP_LOG_INCLUSION');
    // Signed over a wrong root: the recomputed root does not match what was signed.
    const wrongRoot = encodeCoseReceipt({ index: 6, treeSize: 13, inclusionProof: tree.inclusionProof(6), rootHash: tree.root(12), sign: log.signer.sign });
    expectCode(() => verifyCoseReceipt(wrongRoot, tree.leafHash(6), log.publicKey), 'XP_LOG_CHECKPOINT_SIGNATURE');
  });
  it('rejects malformed receipts', () => {
    const msg = cbor.decode(make(6)) as Tag;
    const [prot, unprot, , sig] = msg.value as [Uint8Array, Map<number, unknown>, null, Uint8Array];
    const reencode = (v: unknown[], tag = 18) => cbor.encode(new Tag(v, tag));
    for (const b of [
      new Uint8Array([0xff]),
      reencode([prot, unprot, null, sig], 17),
      reencode([prot, unprot, null]),
      reencode([prot, unprot, tree.root(), sig]),
      reencode([cbor.encode(new Map([[1, -7], [395, 1]])), unprot, null, sig]),
      reencode([cbor.encode(new Map([[1, -8], [395, 2]])), unprot, null, sig]),
      reencode([prot, new Map(), null, sig]),
      reencode([prot, new Map([[396, new Map([[-1, []]])]]), null, sig]),
      reencode([prot, new Map([[396, new Map([[-1, [cbor.encode([13, 6])]]])]]), null, sig]),
      reencode([prot, new Map([[396, new Map([[-1, [cbor.encode([13, 6, [new Uint8Array(3)]])]]])]]), null, sig]),
    ]) {
      expectCode(() => verifyCoseReceipt(b, tree.leafHash(6), log.publicKey), 'XP_COSE_MALFORMED');
    }
    expectCode(
      () => verifyCoseReceipt(reencode([prot, new Map([[396, new Map([[-1, [cbor.encode([13, 13, []])]]])]]), null, sig]), tree.leafHash(6), log.publicKey),
      'XP_LOG_INCLUSION',
    );
    expectCode(() => encodeCoseReceipt({ index: 13, treeSize: 13, inclusionProof: [], rootHash: tree.root(), sign: log.signer.sign }), 'XP_COSE_MALFORMED');
  });
});
