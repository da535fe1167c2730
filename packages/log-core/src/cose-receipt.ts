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
import { type LogReceipt, makeReceipt } from './receipt.js';
import { HASH_SIZE, type Hash, MAX_INCLUSION_PATH, rootFromInclusionProof } from './rfc9162.js';
import { type Ed25519Verify, nobleEd25519Verify } from './signed-note.js';
import { parseCheckpoint } from './tlog-checkpoint.js';

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
  if (r.inclusionProof.length > COSE_RECEIPT_MAX_PATH) bad(`at most ${COSE_RECEIPT_MAX_PATH} proof hashes`);
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

/**
 * xprov's private-use unprotected header (RFC 9052 §16.3: labels below -65536) carrying the log's
 * C2SP checkpoint, the signed note text the receipt's root belongs to (spec/scitt.md §3.5).
 */
export const COSE_HEADER_XPROV_CHECKPOINT = -65537;

/** Longest inclusion path a COSE receipt may carry: `MAX_INCLUSION_PATH` (rfc9162.ts), as for JSON receipts. */
export const COSE_RECEIPT_MAX_PATH = MAX_INCLUSION_PATH;

/** The parts of a structurally well-formed receipt (`decodeCoseReceipt`); nothing verified. */
export interface DecodedCoseReceipt {
  protectedBytes: Uint8Array;
  protectedHeader: Map<unknown, unknown>;
  unprotected: Map<unknown, unknown>;
  signature: Uint8Array;
  treeSize: number;
  index: number;
  /** The inclusion path, leaf sibling first (RFC 9162 §2.1.3). */
  inclusionProof: Hash[];
  /** Header -65537, when present. */
  checkpoint?: string;
  /** Protected `kid` (4), when present. */
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
 * Reads an RFC 9942 inclusion receipt without verifying anything (spec/scitt.md §3.6, the one
 * set of structural rules; the receipt bytes are attacker-supplied, every fault is
 * `XP_COSE_MALFORMED`). Whether index < tree size and the path fits the tree is for the proof
 * check (`rootFromInclusionProof`, `XP_LOG_INCLUSION`), not for this reader. Pure; copies every
 * byte string it returns.
 */
export function decodeCoseReceipt(bytes: Uint8Array): DecodedCoseReceipt {
  let msg = decode(bytes, 'receipt');
  if (msg instanceof Tag) {
    if (msg.tag !== COSE_SIGN1_TAG) bad('not a COSE_Sign1 tag');
    msg = msg.value;
  }
  if (!Array.isArray(msg) || msg.length !== 4) bad('COSE_Sign1 must be a 4-element array');
  const [protectedBytes, unprotected, payload, signature] = msg as unknown[];
  if (!isBytes(protectedBytes) || !isBytes(signature)) bad('protected header and signature must be bstr');
  if (payload !== null) bad('payload must be detached (nil)');
  const protectedHeader = decode(protectedBytes, 'protected header');
  if (!(protectedHeader instanceof Map)) bad('protected header must be a map');
  if (protectedHeader.get(COSE_HEADER_ALG) !== COSE_ALG_EDDSA) bad('alg must be EdDSA (-8)');
  if (protectedHeader.get(COSE_HEADER_VDS) !== VDS_RFC9162_SHA256) bad('vds must be RFC9162_SHA256 (1)');
  const kid = protectedHeader.get(COSE_HEADER_KID);
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
  if (!Array.isArray(path) || path.length > COSE_RECEIPT_MAX_PATH) bad(`inclusion path must be an array of at most ${COSE_RECEIPT_MAX_PATH} hashes`);
  if (!path.every((h) => isBytes(h) && h.length === HASH_SIZE)) bad('inclusion path must be 32-byte bstrs');
  // One encoding per proof (RFC 8949 §4.2 deterministic encoding, as encodeCoseReceipt writes it):
  // a float 13.0 or a non-minimal integer would otherwise read as the number 13.
  if (!bytesEqual(cbor.encode([treeSize, index, path.map((h) => new Uint8Array(h as Uint8Array))]), proofs[0] as Uint8Array)) {
    bad('inclusion proof must be deterministically encoded CBOR (RFC 8949 §4.2)');
  }
  const checkpoint = unprotected.get(COSE_HEADER_XPROV_CHECKPOINT);
  if (checkpoint !== undefined && typeof checkpoint !== 'string') bad('checkpoint header (-65537) must be text');
  return {
    protectedBytes: new Uint8Array(protectedBytes),
    protectedHeader,
    unprotected,
    signature: new Uint8Array(signature),
    treeSize,
    index,
    inclusionProof: (path as Uint8Array[]).map((h) => new Uint8Array(h)),
    ...(checkpoint === undefined ? {} : { checkpoint }),
    ...(kid === undefined ? {} : { kid: new Uint8Array(kid) }),
  };
}

/**
 * The JSON log receipt (without `credentialId`) a COSE receipt stands for (spec/log-entry.md §4,
 * verification.md 2.6, spec/scitt.md §4): its path, index and size, and the checkpoint header,
 * whose first line is the origin. Needs that header (`XP_COSE_MALFORMED` otherwise). Nothing is
 * verified here: the attacker-supplied checkpoint and proof are verified as any JSON receipt's.
 */
export function logReceiptFromCose(bytes: Uint8Array): LogReceipt {
  const r = decodeCoseReceipt(bytes);
  if (r.checkpoint === undefined) bad('no checkpoint header (-65537)');
  let origin: string;
  try {
    origin = parseCheckpoint(r.checkpoint.slice(0, r.checkpoint.indexOf('\n\n') + 1)).origin;
  } catch (cause) {
    throw new XprovError('XP_COSE_MALFORMED', 'malformed COSE receipt: the checkpoint header is not a checkpoint', { cause });
  }
  return makeReceipt(origin, r.index, r.treeSize, r.inclusionProof, r.checkpoint);
}

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
  // Every byte is attacker-supplied; structure, alg and vds are decodeCoseReceipt's (§3.6).
  const { protectedBytes, signature, treeSize, index, inclusionProof, kid } = decodeCoseReceipt(receipt);
  const rootHash = rootFromInclusionProof(leaf, index, treeSize, inclusionProof);
  if (opts.expectedRoot && !bytesEqual(opts.expectedRoot, rootHash)) {
    throw new XprovError('XP_LOG_INCLUSION', 'receipt root differs from the expected root');
  }
  const verify = opts.verify ?? nobleEd25519Verify;
  if (!verify(signature, sigStructure(protectedBytes, rootHash), publicKey)) {
    throw new XprovError('XP_LOG_CHECKPOINT_SIGNATURE', 'COSE receipt signature does not verify over the recomputed root');
  }
  return { index, treeSize, rootHash, ...(kid ? { kid } : {}) };
}
