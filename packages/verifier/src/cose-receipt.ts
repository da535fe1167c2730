/**
 * Step 2.6 (spec/verification.md, spec/log-entry.md §4): a receipt given as an RFC 9942 COSE
 * Receipt — `{credentialId, cose: base64, entry?}` — becomes the JSON receipt it stands for. The
 * COSE bytes are attacker-supplied; nothing here is trusted: the converted receipt's checkpoint
 * signature and inclusion proof are verified at §13 like any other receipt's. Only reads CBOR.
 */
import { COSE_HEADER_VDP, COSE_SIGN1_TAG, VDP_INCLUSION, base64DecodeOrUndefined, base64Encode, parseCheckpoint } from '@xprov/log-core';
import { Decoder, Tag } from 'cbor-x';
import type { Receipt } from './types.js';

/** xprov's private-use unprotected header carrying the signed checkpoint note (spec/scitt.md). */
export const HEADER_XPROV_CHECKPOINT = -65537;

const cbor = new Decoder({ mapsAsObjects: false, useRecords: false });

export class CoseReceiptError extends Error {}

function bad(why: string): never {
  throw new CoseReceiptError(`COSE receipt: ${why}`);
}

function decode(bytes: Uint8Array, what: string): unknown {
  try {
    return cbor.decode(bytes);
  } catch {
    return bad(`${what} is not CBOR`);
  }
}

const isBytes = (x: unknown): x is Uint8Array => x instanceof Uint8Array;

/** The JSON receipt a COSE receipt (base64) stands for; throws CoseReceiptError. */
export function receiptFromCoseBase64(credentialId: string, cose: string, entry?: string): Receipt {
  const bytes = base64DecodeOrUndefined(cose);
  if (!bytes) bad('not base64');
  let msg = decode(bytes, 'receipt');
  if (msg instanceof Tag) {
    if (msg.tag !== COSE_SIGN1_TAG) bad('not a COSE_Sign1 tag');
    msg = msg.value;
  }
  if (!Array.isArray(msg) || msg.length !== 4) bad('COSE_Sign1 must be a 4-element array');
  const unprotected = msg[1] as unknown;
  if (!(unprotected instanceof Map)) bad('unprotected header must be a map');
  const vdp = unprotected.get(COSE_HEADER_VDP);
  const proofs = vdp instanceof Map ? vdp.get(VDP_INCLUSION) : undefined;
  if (!Array.isArray(proofs) || proofs.length !== 1 || !isBytes(proofs[0])) bad('expected exactly one RFC9162_SHA256 inclusion proof');
  const p = decode(proofs[0], 'inclusion proof');
  if (!Array.isArray(p) || p.length !== 3) bad('inclusion proof must be [tree_size, leaf_index, path]');
  const [treeSize, index, path] = p as unknown[];
  if (!Number.isSafeInteger(treeSize) || !Number.isSafeInteger(index) || !Array.isArray(path) || path.length > 64) bad('inclusion proof must be [tree_size, leaf_index, path]');
  const inclusionProof = path.map((h) => (isBytes(h) && h.length === 32 ? base64Encode(new Uint8Array(h)) : bad('path hashes are 32-byte bstrs')));
  const checkpoint = unprotected.get(HEADER_XPROV_CHECKPOINT);
  if (typeof checkpoint !== 'string') bad('no checkpoint header (-65537)');
  let origin: string;
  try {
    origin = parseCheckpoint(checkpoint.slice(0, checkpoint.indexOf('\n\n') + 1)).origin;
  } catch {
    return bad('the checkpoint header is not a checkpoint');
  }
  return { credentialId, origin, index: index as number, treeSize: treeSize as number, inclusionProof, checkpoint, ...(entry === undefined ? {} : { entry }) };
}
