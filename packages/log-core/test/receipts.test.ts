import { Encoder, Tag } from 'cbor-x';
import { describe, expect, it } from 'vitest';
import {
  MAX_INCLUSION_PATH,
  COSE_HEADER_XPROV_CHECKPOINT,
  COSE_RECEIPT_MAX_PATH,
  decodeCoseReceipt,
  encodeCoseReceipt,
  logReceiptFromCose,
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
  it(`refuses a path longer than ${MAX_INCLUSION_PATH} hashes as malformed, as COSE receipts do`, () => {
    const hash = Buffer.alloc(32, 1).toString('base64');
    const path = (n: number) => Array.from({ length: n }, () => hash);
    expectCode(() => verifyReceipt({ ...receipt, inclusionProof: path(MAX_INCLUSION_PATH + 1) }, enc('entry 6'), trust), 'XP_MALFORMED');
    // 63 hashes are well-formed; they just do not lead to this tree's root.
    expectCode(() => verifyReceipt({ ...receipt, inclusionProof: path(MAX_INCLUSION_PATH) }, enc('entry 6'), trust), 'XP_LOG_INCLUSION');
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

/**
 * decodeCoseReceipt: the one reader of RFC 9942 receipts (spec/scitt.md §3.6). Every structural
 * fault of the (attacker-supplied) bytes is XP_COSE_MALFORMED; numbers that do not fit the tree
 * are left to the proof check.
 */
describe('decodeCoseReceipt (spec/scitt.md §3.6)', () => {
  const kid = new Uint8Array([1, 2, 3, 4]);
  const receipt = encodeCoseReceipt({ index: 6, treeSize: 13, inclusionProof: tree.inclusionProof(6), rootHash: tree.root(), sign: log.signer.sign, kid });
  const cbor = new Encoder({ mapsAsObjects: false, useRecords: false, variableMapSize: true, tagUint8Array: false });
  const [prot, unprot, , sig] = (cbor.decode(receipt) as Tag).value as [Uint8Array, Map<number, unknown>, null, Uint8Array];
  const sign1 = (v: unknown[], tag = 18) => cbor.encode(new Tag(v, tag));
  const withUnprotected = (u: Map<unknown, unknown>) => sign1([prot, u, null, sig]);
  const withProof = (p: unknown) => withUnprotected(new Map([[396, new Map([[-1, [cbor.encode(p)]]])]]));
  const withProtected = (m: Map<number, unknown>) => sign1([cbor.encode(m), unprot, null, sig]);
  const hashes = (n: number) => Array.from({ length: n }, (_, i) => new Uint8Array(32).fill(i));
  const vdp = (proofs: unknown) => new Map([[396, new Map([[-1, proofs]])]]);

  it('round-trips a receipt from encodeCoseReceipt', () => {
    const d = decodeCoseReceipt(receipt);
    expect(d.treeSize).toBe(13);
    expect(d.index).toBe(6);
    expect(d.inclusionProof.map(toHex)).toEqual(tree.inclusionProof(6).map(toHex));
    expect(d.kid).toEqual(kid);
    expect(d.checkpoint).toBeUndefined();
    expect(d.protectedBytes).toEqual(new Uint8Array(prot));
    expect(d.protectedHeader.get(1)).toBe(-8);
    expect(d.protectedHeader.get(395)).toBe(1);
    expect(d.signature).toEqual(new Uint8Array(sig));
    expect(d.unprotected.has(396)).toBe(true);
    // Without kid, and untagged (RFC 9052 §2: the tag is optional).
    const bare = encodeCoseReceipt({ index: 0, treeSize: 1, inclusionProof: [], rootHash: tree.root(1), sign: log.signer.sign });
    expect(decodeCoseReceipt(bare).kid).toBeUndefined();
    expect(decodeCoseReceipt(cbor.encode((cbor.decode(bare) as Tag).value)).treeSize).toBe(1);
  });

  it('returns the checkpoint header, and logReceiptFromCose the JSON receipt it stands for', () => {
    const u = new Map<unknown, unknown>(unprot);
    u.set(COSE_HEADER_XPROV_CHECKPOINT, cp);
    const bytes = withUnprotected(u);
    expect(decodeCoseReceipt(bytes).checkpoint).toBe(cp);
    expect(logReceiptFromCose(bytes)).toEqual(makeReceipt(ORIGIN, 6, 13, tree.inclusionProof(6), cp));
    expectCode(() => logReceiptFromCose(receipt), 'XP_COSE_MALFORMED');
    u.set(COSE_HEADER_XPROV_CHECKPOINT, 'not a checkpoint');
    expectCode(() => logReceiptFromCose(withUnprotected(u)), 'XP_COSE_MALFORMED');
  });

  it(`accepts a path of ${COSE_RECEIPT_MAX_PATH} hashes and refuses ${COSE_RECEIPT_MAX_PATH + 1} (RFC 9162 §2.1.3)`, () => {
    expect(COSE_RECEIPT_MAX_PATH).toBe(63);
    expect(decodeCoseReceipt(withProof([2 ** 53 - 1, 0, hashes(63)])).inclusionProof).toHaveLength(63);
    expectCode(() => decodeCoseReceipt(withProof([2 ** 53 - 1, 0, hashes(64)])), 'XP_COSE_MALFORMED');
    const input = { index: 0, treeSize: 2 ** 53 - 1, rootHash: tree.root(), sign: log.signer.sign };
    expect(decodeCoseReceipt(encodeCoseReceipt({ ...input, inclusionProof: hashes(63) })).inclusionProof).toHaveLength(63);
    expectCode(() => encodeCoseReceipt({ ...input, inclusionProof: hashes(64) }), 'XP_COSE_MALFORMED');
  });

  it('refuses a proof that is not deterministically encoded: a float tree size, a long-form integer', () => {
    const good = cbor.encode([13, 6, tree.inclusionProof(6)]);
    expect(decodeCoseReceipt(withUnprotected(vdp([good]))).treeSize).toBe(13);
    // 13 as a float64 (0xfb …) and as a 4-byte uint (0x1a 00 00 00 0d) read as the number 13.
    const float = Uint8Array.from([0x83, 0xfb, ...new Uint8Array(new Float64Array([13]).buffer).reverse(), ...good.subarray(2)]);
    const long = Uint8Array.from([0x83, 0x1a, 0, 0, 0, 13, ...good.subarray(2)]);
    expect((cbor.decode(float) as unknown[])[0]).toBe(13);
    expect((cbor.decode(long) as unknown[])[0]).toBe(13);
    expectCode(() => decodeCoseReceipt(withUnprotected(vdp([float]))), 'XP_COSE_MALFORMED');
    expectCode(() => decodeCoseReceipt(withUnprotected(vdp([long]))), 'XP_COSE_MALFORMED');
  });

  it('leaves an index outside the tree to the proof check', () => {
    expect(decodeCoseReceipt(withProof([13, 13, []])).index).toBe(13);
  });

  const faults: [string, Uint8Array][] = [
    ['not CBOR', new Uint8Array([0x18])],
    ['truncated', receipt.subarray(0, receipt.length - 1)],
    ['trailing bytes', new Uint8Array([...receipt, 0])],
    ['another tag', sign1([prot, unprot, null, sig], 17)],
    ['not an array', cbor.encode(new Tag(new Map([[1, 2]]), 18))],
    ['3 elements', sign1([prot, unprot, null])],
    ['5 elements', sign1([prot, unprot, null, sig, null])],
    ['protected header not bstr', sign1([new Map([[1, -8]]), unprot, null, sig])],
    ['signature not bstr', sign1([prot, unprot, null, 'sig'])],
    ['attached payload', sign1([prot, unprot, tree.root(), sig])],
    ['payload neither nil nor bstr', sign1([prot, unprot, 0, sig])],
    ['payload undefined, not nil', sign1([prot, unprot, undefined, sig])],
    ['protected header not CBOR', sign1([new Uint8Array([0x18]), unprot, null, sig])],
    ['empty protected header', sign1([new Uint8Array(0), unprot, null, sig])],
    ['protected header not a map', sign1([cbor.encode([1, -8]), unprot, null, sig])],
    ['no alg', withProtected(new Map([[395, 1]]))],
    ['alg not EdDSA', withProtected(new Map([[1, -7], [395, 1]]))],
    ['no vds', withProtected(new Map([[1, -8]]))],
    ['vds not RFC9162_SHA256', withProtected(new Map([[1, -8], [395, 2]]))],
    ['kid not bstr', withProtected(new Map<number, unknown>([[1, -8], [4, 'kid'], [395, 1]]))],
    ['unprotected header not a map', sign1([prot, [], null, sig])],
    ['no vdp', withUnprotected(new Map())],
    ['vdp not a map', withUnprotected(new Map([[396, []]]))],
    ['no inclusion proofs', withUnprotected(new Map([[396, new Map()]]))],
    ['inclusion proofs not an array', withUnprotected(vdp(cbor.encode([13, 6, []])))],
    ['zero inclusion proofs', withUnprotected(vdp([]))],
    ['two inclusion proofs', withUnprotected(vdp([cbor.encode([13, 6, []]), cbor.encode([13, 6, []])]))],
    ['inclusion proof not bstr', withUnprotected(vdp([[13, 6, []]]))],
    ['inclusion proof not CBOR', withUnprotected(vdp([new Uint8Array([0x18])]))],
    ['inclusion proof not an array', withProof(new Map([[13, 6]]))],
    ['inclusion proof of 2 elements', withProof([13, 6])],
    ['inclusion proof of 4 elements', withProof([13, 6, [], 0])],
    ['negative tree_size', withProof([-13, 6, []])],
    ['negative leaf_index', withProof([13, -6, []])],
    ['fractional tree_size', withProof([13.5, 6, []])],
    ['text leaf_index', withProof([13, '6', []])],
    ['tree_size beyond 2^53', withProof([2n ** 60n, 6, []])],
    ['path not an array', withProof([13, 6, hashes(1)[0]])],
    ['path hash of 31 bytes', withProof([13, 6, [new Uint8Array(31)]])],
    ['path hash of 33 bytes', withProof([13, 6, [new Uint8Array(33)]])],
    ['path hash not bstr', withProof([13, 6, ['hash']])],
    ['checkpoint header not text', withUnprotected(new Map<unknown, unknown>([...unprot, [COSE_HEADER_XPROV_CHECKPOINT, enc(cp)]]))],
  ];
  it.each(faults)('refuses %s (XP_COSE_MALFORMED)', (_why, bytes) => {
    expectCode(() => decodeCoseReceipt(bytes), 'XP_COSE_MALFORMED');
  });
});
