import { Ed25519Key } from '@ldclabs/cose-ts/ed25519';
import { KVMap } from '@ldclabs/cose-ts/map';
import { Sign1Message } from '@ldclabs/cose-ts/sign1';
import { Sign1MessagePrefix, skipTag } from '@ldclabs/cose-ts/tag';
import { decodeCBOR, encodeCBOR } from '@ldclabs/cose-ts/utils';
import { ed25519Backend, generateKeyPair } from '@xprov/crypto';
import { digestMultibase, jcsBytes } from '@xprov/format';
import { decodeVerifierKey, generateNoteKey } from '@xprov/log-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  HEADER_XPROV_CHECKPOINT,
  INTEROP_CODES,
  type ScittEntry,
  cbor,
  decodeSign1,
  encodeSign1,
  exportScitt,
  receiptFromCose,
  sigStructure,
  signStatement,
  verifyScittReceipt,
  verifySignedStatement,
} from '../src/index.js';
import { type BundleVector, clone, governor, independentLeaf, independentRoot, loadVector, logKeyOf } from './fixtures.js';

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

/** The DESIGN §3 log entry, written out here from the spec (not through the verifier). */
function entryOf(c: Record<string, unknown>): Uint8Array {
  const type = (c.type as string[]).find((t) => t !== 'VerifiableCredential');
  const subject = (c.credentialSubject as { id?: string }).id ?? c.id;
  return jcsBytes({ v: 1, type, id: c.id, digestMultibase: digestMultibase(c), issuer: c.issuer, subject });
}

/** Verifies a COSE receipt with @ldclabs/cose-ts (its own CBOR and Ed25519), root recomputed with node:crypto. */
function independentVerifyReceipt(receipt: Uint8Array, credential: Record<string, unknown>, logPublicKey: Uint8Array, rootTweak = false) {
  const [protView, unprot, payload, sig] = decodeCBOR<[Uint8Array, Map<number, unknown>, null, Uint8Array]>(skipTag(Sign1MessagePrefix, receipt));
  const prot = Uint8Array.from(protView); // cose-ts's decoder needs an unshared buffer
  expect(payload).toBeNull();
  const protectedHeader = KVMap.fromBytes(prot);
  expect(protectedHeader.getInt(1)).toBe(-8);
  expect(protectedHeader.getInt(395)).toBe(1);
  const proofs = (unprot.get(396) as Map<number, Uint8Array[]>).get(-1) as Uint8Array[];
  const [size, index, path] = decodeCBOR<[number, number, Uint8Array[]]>(Uint8Array.from(proofs[0] as Uint8Array));
  const root = independentRoot(independentLeaf(entryOf(credential)), index, size, path);
  if (rootTweak) root[0] = (root[0] as number) ^ 1;
  // The unprotected header is not signed (RFC 9052 §4.4); attach the recomputed root as payload.
  const attached = encodeCBOR([prot, new Map(), root, Uint8Array.from(sig)]);
  return Sign1Message.fromBytes(Ed25519Key.fromPublic(logPublicKey), attached);
}

describe('SCITT export', () => {
  let v: BundleVector;
  let entries: ScittEntry[];
  const credentialOf = (id: string) => {
    const b = v.bundle as unknown as { grants: Array<{ id: string }>; permit: { id: string }; outcome: { id: string }; statusLists: Array<{ id: string }> };
    return [...b.grants, b.permit, b.outcome, ...b.statusLists].find((c) => c.id === id) as unknown as Record<string, unknown>;
  };
  beforeAll(async () => {
    v = loadVector('valid-witnessed');
    entries = await exportScitt(v.bundle, { keyPair: governor, logKey: logKeyOf(v), trust: v.trust });
  });

  it('exports every logged credential with a statement, a receipt and a transparent statement', () => {
    expect(entries.map((e) => e.credentialId)).toEqual(v.bundle.receipts.map((r) => r.credentialId));
    expect(entries.map((e) => e.role)).toEqual(['grant', 'grant', 'grant', 'status', 'permit', 'outcome']);
  });

  it('statements and receipts verify (witness threshold 3 met through the checkpoint header)', () => {
    for (const e of entries) {
      const s = verifySignedStatement(e.transparentStatement, v.trust);
      expect(s.credential).toEqual(credentialOf(e.credentialId));
      expect(s.receipts).toHaveLength(1);
      const r = verifyScittReceipt(s.receipts[0] as Uint8Array, s.credential, v.trust);
      expect(r.checkpointVerified).toBe(true);
    }
  });

  it('signed statements verify with an independent COSE implementation (@ldclabs/cose-ts)', () => {
    for (const e of entries) {
      const msg = Sign1Message.fromBytes(Ed25519Key.fromPublic(governor.publicKey), e.statement);
      expect(msg.protected?.getText(3)).toBe('application/vc');
      const claims = msg.protected?.getParam<Map<number, string>>(15);
      expect(claims?.get(2)).toBe(e.credentialId);
      expect(JSON.parse(new TextDecoder().decode(msg.payload)).id).toBe(e.credentialId);
    }
    const tampered = new Uint8Array(entries[0]?.statement as Uint8Array);
    tampered[tampered.length - 100] = (tampered[tampered.length - 100] as number) ^ 1;
    expect(() => Sign1Message.fromBytes(Ed25519Key.fromPublic(governor.publicKey), tampered)).toThrow();
  });

  it('COSE receipts verify with an independent COSE implementation; a wrong root fails', () => {
    const logPublicKey = decodeVerifierKey(v.trust.logs[0]?.vkey as string).publicKey;
    for (const e of entries) {
      expect(() => independentVerifyReceipt(e.receipt, credentialOf(e.credentialId), logPublicKey)).not.toThrow();
      expect(() => independentVerifyReceipt(e.receipt, credentialOf(e.credentialId), logPublicKey, true)).toThrow(/signature mismatch/);
    }
  });

  it('receiptFromCose gives back the JSON receipt exactly', () => {
    for (const e of entries) {
      const j = v.bundle.receipts.find((r) => r.credentialId === e.credentialId);
      expect(receiptFromCose(e.receipt, e.credentialId)).toEqual(j);
    }
  });

  it('a wrong root (changed inclusion path) fails: XP_LOG_CHECKPOINT_SIGNATURE', () => {
    const e = entries[0] as ScittEntry;
    const m = decodeSign1(e.receipt, 'x');
    const vdp = m.unprotected.get(396) as Map<number, Uint8Array[]>;
    const [size, index, shared] = cbor.decode(vdp.get(-1)?.[0] as Uint8Array) as [number, number, Uint8Array[]];
    const path = shared.map((h) => Uint8Array.from(h)); // decoded bstrs alias the receipt's bytes
    (path[0] as Uint8Array)[0] = ((path[0] as Uint8Array)[0] as number) ^ 1;
    const unprotected = new Map(m.unprotected);
    unprotected.set(396, new Map([[-1, [cbor.encode([size, index, path])]]]));
    unprotected.delete(HEADER_XPROV_CHECKPOINT);
    const bad = encodeSign1({ ...m, unprotected });
    const t = { ...clone(v.trust), witnesses: { keys: [], threshold: 0 } };
    expect(code(() => verifyScittReceipt(bad, credentialOf(e.credentialId), t))).toBe('XP_LOG_CHECKPOINT_SIGNATURE');
  });

  it('a receipt for another credential fails: XP_LOG_CHECKPOINT_SIGNATURE', () => {
    const [a, b] = entries as [ScittEntry, ScittEntry];
    expect(code(() => verifyScittReceipt(a.receipt, credentialOf(b.credentialId), v.trust))).toBe('XP_LOG_CHECKPOINT_SIGNATURE');
  });

  it('a receipt by an untrusted log key: XP_LOG_UNTRUSTED', () => {
    const e = entries[0] as ScittEntry;
    const t = clone(v.trust);
    t.logs = [{ origin: 'other.example', vkey: generateNoteKey('other.example').verifierKey }];
    expect(code(() => verifyScittReceipt(e.receipt, credentialOf(e.credentialId), t))).toBe('XP_LOG_UNTRUSTED');
  });

  it('without its checkpoint a receipt cannot meet a witness threshold: XP_LOG_WITNESS (and verifies at threshold 0)', () => {
    const e = entries[0] as ScittEntry;
    const m = decodeSign1(e.receipt, 'x');
    const unprotected = new Map(m.unprotected);
    unprotected.delete(HEADER_XPROV_CHECKPOINT);
    const bare = encodeSign1({ ...m, unprotected });
    expect(code(() => verifyScittReceipt(bare, credentialOf(e.credentialId), v.trust))).toBe('XP_LOG_WITNESS');
    const t = { ...clone(v.trust), witnesses: { keys: [], threshold: 0 } };
    expect(verifyScittReceipt(bare, credentialOf(e.credentialId), t).checkpointVerified).toBe(false);
    expect(code(() => receiptFromCose(bare, e.credentialId))).toBe('XP_COSE_MALFORMED');
  });

  it('a checkpoint header from another tree size: XP_LOG_INCLUSION', () => {
    const a = entries[0] as ScittEntry;
    const other = loadVector('valid-delegation-1').bundle.receipts[0]?.checkpoint as string;
    const m = decodeSign1(a.receipt, 'x');
    const unprotected = new Map(m.unprotected);
    unprotected.set(HEADER_XPROV_CHECKPOINT, other);
    expect(code(() => verifyScittReceipt(encodeSign1({ ...m, unprotected }), credentialOf(a.credentialId), v.trust))).toBe('XP_LOG_INCLUSION');
  });

  it('malformed receipts: XP_COSE_MALFORMED', () => {
    const e = entries[0] as ScittEntry;
    expect(code(() => verifyScittReceipt(new Uint8Array([1, 2, 3]), {}, v.trust))).toBe('XP_COSE_MALFORMED');
    expect(code(() => verifyScittReceipt(e.statement, credentialOf(e.credentialId), v.trust))).toBe('XP_COSE_MALFORMED');
  });

  it('a changed statement byte: XP_SCITT_SIGNATURE', () => {
    const e = entries[0] as ScittEntry;
    const m = decodeSign1(e.statement, 'x');
    const payload = new Uint8Array(m.payload as Uint8Array);
    payload[50] = (payload[50] as number) ^ 1;
    expect(code(() => verifySignedStatement(encodeSign1({ ...m, payload }), v.trust))).toBe(INTEROP_CODES.SCITT_SIGNATURE);
  });

  it('a statement by a key that is not a trusted governor: XP_SCITT_UNTRUSTED', () => {
    const rogue = generateKeyPair();
    const s = signStatement(credentialOf((entries[0] as ScittEntry).credentialId) as { id: string }, rogue);
    expect(code(() => verifySignedStatement(s, v.trust))).toBe(INTEROP_CODES.SCITT_UNTRUSTED);
  });

  it('a statement whose kid is not iss’s key: XP_SCITT_UNTRUSTED', () => {
    const e = entries[0] as ScittEntry;
    const m = decodeSign1(e.statement, 'x');
    const h = new Map(m.protectedHeader);
    const rogue = generateKeyPair();
    h.set(4, new TextEncoder().encode(`did:key:${rogue.publicKeyMultibase}#${rogue.publicKeyMultibase}`));
    expect(code(() => verifySignedStatement(encodeSign1({ ...m, protectedBytes: cbor.encode(h) }), v.trust))).toBe(INTEROP_CODES.SCITT_UNTRUSTED);
  });

  it('a validly signed statement whose sub is not the credential id: XP_SCITT_MISMATCH', () => {
    const c = clone(credentialOf((entries[0] as ScittEntry).credentialId)) as { id: string };
    const signed = signStatement(c, governor);
    const m = decodeSign1(signed, 'x');
    const h = new Map(m.protectedHeader);
    h.set(15, new Map<number, string>([[1, `did:key:${governor.publicKeyMultibase}`], [2, 'urn:uuid:00000000-0000-0000-0000-000000000000']]));
    const protectedBytes = cbor.encode(h);
    const signature = ed25519Backend().sign(governor.secretKey, sigStructure(protectedBytes, m.payload as Uint8Array));
    expect(code(() => verifySignedStatement(encodeSign1({ ...m, protectedBytes, signature }), v.trust))).toBe(INTEROP_CODES.SCITT_MISMATCH);
  });

  it('malformed statements: XP_SCITT_MALFORMED; bad trust: XP_TRUST_INVALID', () => {
    expect(code(() => verifySignedStatement(new Uint8Array([0xa0]), v.trust))).toBe(INTEROP_CODES.SCITT_MALFORMED);
    expect(code(() => verifySignedStatement((entries[0] as ScittEntry).receipt, v.trust))).toBe(INTEROP_CODES.SCITT_MALFORMED);
    expect(code(() => verifySignedStatement((entries[0] as ScittEntry).statement, {}))).toBe(INTEROP_CODES.TRUST_INVALID);
  });

  it('refuses to sign receipts with a key that did not sign the checkpoint: XP_EXPORT_REFUSED', async () => {
    const wrong = generateNoteKey(v.trust.logs[0]?.origin as string);
    await expect(exportScitt(v.bundle, { keyPair: governor, logKey: wrong })).rejects.toMatchObject({ code: INTEROP_CODES.EXPORT_REFUSED });
  });

  it('refuses an invalid bundle: XP_EXPORT_REFUSED with its codes', async () => {
    const bad = loadVector('log-inclusion-proof-broken');
    const e = await exportScitt(bad.bundle, { keyPair: governor, logKey: logKeyOf(bad), trust: bad.trust }).catch((x) => x);
    expect(e.code).toBe(INTEROP_CODES.EXPORT_REFUSED);
    expect(e.details.codes).toEqual(bad.expected.codes);
  });

  it('is deterministic', async () => {
    const again = await exportScitt(v.bundle, { keyPair: governor, logKey: logKeyOf(v) });
    expect(again.map((e) => Buffer.from(e.transparentStatement).toString('hex'))).toEqual(
      entries.map((e) => Buffer.from(e.transparentStatement).toString('hex')),
    );
  });
});

