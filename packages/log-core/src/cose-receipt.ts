/**
 * RFC 9942 COSE Receipts for the RFC9162_SHA256 verifiable data structure (vds = 1): a
 * COSE_Sign1 (tag 18) whose protected header carries `alg` (1) = EdDSA (-8), `vds` (395) = 1
 * and optionally `kid` (4); whose unprotected header carries `vdp` (396) = { -1: [ bstr .cbor
 * [tree_size, leaf_index, [inclusion path…]] ] }; whose payload is detached (nil) and is the
 * Merkle root the inclusion proof yields (RFC 9942 §5 "Receipt of Inclusion"). The signature
 * is over Sig_structure ["Signature1", protected, h'', root] (RFC 9052 §4.4).
 *
 * xprov uses it as the interop export of a log receipt; the log's Ed25519 note key signs it.
 * Every byte of a receipt given to `verifyCoseReceipt` is attacker-controlled.
 */
import { Encoder, Tag } from 'cbor-x';
import { XprovError } from '@xprov/format';
import { bytesEqual, isSafeIndex } from './bytes.js';
import { HASH_SIZE, type Hash, rootFromInclusionProof } from './rfc9162.js';
import { type Ed25519Verify, nobleEd25519Verify } from './signed-note.js';

export const COSE_SIGN1_TAG = 18;
export const COSE_HEADER_ALG = 1;
export const COSE_HEADER_KID = 4;
export const COSE_HEADER_VDS = 395;
export const COSE_HEADER_VDP = 396;
export const COSE_ALG_EDDSA = -8;
export const VDS_RFC9162_SHA256 = 1;
export const VDP_INCLUSION = -1;

const cbor = new Encoder({ mapsAsObjects: false, useRecords: false, variableMapSize: true, tagUint8Array: false });

function bad(why: string): never {
  throw new XprovError('XP_COSE_MALFORMED', `malformed COSE receipt: ${why}`);
}

function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return cbor.encode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

export interface CoseReceiptInput {
  index: number;
  treeSize: number;
  inclusionProof: Hash[];
  /** The root the proof yields (the detached payload). */
  rootHash: Hash;
  /** Ed25519 signing over the Sig_structure bytes (e.g. the log note key's `signer.sign`). */
  sign: (toBeSigned: Uint8Array) => Uint8Array;
  /** Optional key identifier (xprov: the 4-byte note key ID). */
  kid?: Uint8Array;
}

/** Encodes a signed RFC 9942 inclusion receipt (tagged COSE_Sign1, detached payload). */
export function encodeCoseReceipt(r: CoseReceiptInput): Uint8Array {
  if (!isSafeIndex(r.index) || !isSafeIndex(r.treeSize) || r.index >= r.treeSize) bad('need 0 ≤ index < treeSize');
  if (r.rootHash.length !== HASH_SIZE) bad('root must be 32 bytes');
  for (const h of r.inclusionProof) if (h.length !== HASH_SIZE) bad('proof hash must be 32 bytes');
  const prot = new Map<number, unknown>([[COSE_HEADER_ALG, COSE_ALG_EDDSA]]);
  if (r.kid) prot.set(COSE_HEADER_KID, r.kid);
  prot.set(COSE_HEADER_VDS, VDS_RFC9162_SHA256);
  const protectedBytes = cbor.encode(prot);
  const proof = cbor.encode([r.treeSize, r.index, r.inclusionProof]);
  const unprotected = new Map([[COSE_HEADER_VDP, new Map([[VDP_INCLUSION, [proof]]])]]);
  const signature = r.sign(sigStructure(protectedBytes, r.rootHash));
  return cbor.encode(new Tag([protectedBytes, unprotected, null, signature], COSE_SIGN1_TAG));
}

export interface VerifiedCoseReceipt {
  index: number;
  treeSize: number;
  rootHash: Hash;
  kid?: Uint8Array;
}

function decode(bytes: Uint8Array, what: string): unknown {
  try {
    return cbor.decode(bytes);
  } catch {
    return bad(`${what} is not CBOR`);
  }
}

const isBytes = (x: unknown): x is Uint8Array => x instanceof Uint8Array;

/**
 * Verifies an RFC 9942 inclusion receipt for the leaf hash `leaf` with the log's Ed25519
 * public key: recomputes the root from the (single) inclusion proof, then checks the
 * signature over it. Codes: `XP_COSE_MALFORMED` (structure, alg, vds), `XP_LOG_INCLUSION`
 * (the proof cannot be run for this leaf), `XP_LOG_CHECKPOINT_SIGNATURE` (signature over the
 * recomputed root fails — a wrong leaf or a wrong root ends here too).
 */
export function verifyCoseReceipt(
  receipt: Uint8Array,
  leaf: Hash,
  publicKey: Uint8Array,
  opts: { verify?: Ed25519Verify; expectedRoot?: Hash } = {},
): VerifiedCoseReceipt {
  let msg = decode(receipt, 'receipt');
  if (msg instanceof Tag) {
    if (msg.tag !== COSE_SIGN1_TAG) bad('not a COSE_Sign1 tag');
    msg = msg.value;
  }
  if (!Array.isArray(msg) || msg.length !== 4) bad('COSE_Sign1 must be a 4-element array');
  const [protectedBytes, unprotected, payload, signature] = msg as unknown[];
  if (!isBytes(protectedBytes) || !isBytes(signature)) bad('protected header and signature must be bstr');
  if (payload !== null && payload !== undefined) bad('payload must be detached (nil)');
  const prot = decode(protectedBytes, 'protected header');
  if (!(prot instanceof Map)) bad('protected header must be a map');
  if (prot.get(COSE_HEADER_ALG) !== COSE_ALG_EDDSA) bad('alg must be EdDSA (-8)');
  if (prot.get(COSE_HEADER_VDS) !== VDS_RFC9162_SHA256) bad('vds must be RFC9162_SHA256 (1)');
  const kid = prot.get(COSE_HEADER_KID);
  if (kid !== undefined && !isBytes(kid)) bad('kid must be bstr');
  if (!(unprotected instanceof Map)) bad('unprotected header must be a map');
  const vdp = unprotected.get(COSE_HEADER_VDP);
  if (!(vdp instanceof Map)) bad('vdp (396) must be a map');
  const proofs = vdp.get(VDP_INCLUSION);
  if (!Array.isArray(proofs) || proofs.length !== 1 || !isBytes(proofs[0])) bad('expected exactly one inclusion proof bstr');
  const p = decode(proofs[0] as Uint8Array, 'inclusion proof');
  if (!Array.isArray(p) || p.length !== 3) bad('inclusion proof must be [tree_size, leaf_index, path]');
  const [treeSize, index, path] = p as unknown[];
  if (!isSafeIndex(treeSize) || !isSafeIndex(index)) bad('tree_size and leaf_index must be uints');
  if (!Array.isArray(path) || !path.every((h) => isBytes(h) && h.length === HASH_SIZE)) bad('inclusion path must be 32-byte bstrs');
  const proofHashes = (path as Uint8Array[]).map((h) => new Uint8Array(h));
  const rootHash = rootFromInclusionProof(leaf, index, treeSize, proofHashes);
  if (opts.expectedRoot && !bytesEqual(opts.expectedRoot, rootHash)) {
    throw new XprovError('XP_LOG_INCLUSION', 'receipt root differs from the expected root');
  }
  const verify = opts.verify ?? nobleEd25519Verify;
  if (!verify(new Uint8Array(signature), sigStructure(new Uint8Array(protectedBytes), rootHash), publicKey)) {
    throw new XprovError('XP_LOG_CHECKPOINT_SIGNATURE', 'COSE receipt signature does not verify over the recomputed root');
  }
  return { index, treeSize, rootHash, ...(kid ? { kid: new Uint8Array(kid as Uint8Array) } : {}) };
}
