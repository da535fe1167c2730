/**
 * COSE (RFC 9052) plumbing shared by the SCITT statement and receipt code: one deterministic
 * cbor-x encoder (maps stay Maps, no records, byte strings untagged), the COSE_Sign1 tag and
 * the header labels xprov writes. Decoding is attacker-facing: every failure is a coded error.
 */
import { Encoder, Tag } from 'cbor-x';
import { XprovError } from '@xprov/format';
import { COSE_ALG_EDDSA, COSE_HEADER_ALG, COSE_HEADER_KID, COSE_HEADER_XPROV_CHECKPOINT, COSE_SIGN1_TAG } from '@xprov/log-core';

export const cbor = new Encoder({ mapsAsObjects: false, useRecords: false, variableMapSize: true, tagUint8Array: false });

export { COSE_SIGN1_TAG };
/** RFC 9052 §3.1 common header parameters (alg and kid: @xprov/log-core's, shared with its receipts). */
export const HEADER_ALG = COSE_HEADER_ALG;
export const HEADER_CONTENT_TYPE = 3;
export const HEADER_KID = COSE_HEADER_KID;
/** RFC 9597: CWT Claims in COSE headers; claims iss (1) and sub (2) per RFC 8392. */
export const HEADER_CWT_CLAIMS = 15;
export const CWT_ISS = 1;
export const CWT_SUB = 2;
/** draft-ietf-scitt-architecture: `receipts` in a Transparent Statement's unprotected header. */
export const HEADER_RECEIPTS = 394;
/**
 * xprov private-use label (RFC 9052 §16.3: integers below -65536): the log's C2SP checkpoint
 * (signed note text) the receipt's root belongs to, so that witnesses' cosignatures travel
 * with the COSE receipt (spec/scitt.md §3.5). Unprotected: the signed note authenticates itself.
 * Defined, and read, by @xprov/log-core (`decodeCoseReceipt`).
 */
export const HEADER_XPROV_CHECKPOINT = COSE_HEADER_XPROV_CHECKPOINT;
export const ALG_EDDSA = COSE_ALG_EDDSA;

export interface Sign1 {
  protectedBytes: Uint8Array;
  protectedHeader: Map<unknown, unknown>;
  unprotected: Map<unknown, unknown>;
  payload: Uint8Array | null;
  signature: Uint8Array;
}

/** Sig_structure for COSE_Sign1 (RFC 9052 §4.4) with empty external AAD. */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return cbor.encode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

const isBytes = (x: unknown): x is Uint8Array => x instanceof Uint8Array;

/** Decodes a (tagged or untagged) COSE_Sign1; `code` on any structural fault. */
export function decodeSign1(bytes: Uint8Array, code: string): Sign1 {
  const bad = (why: string): never => {
    throw new XprovError(code, `malformed COSE_Sign1: ${why}`);
  };
  let msg: unknown;
  try {
    msg = cbor.decode(bytes);
  } catch {
    return bad('not CBOR');
  }
  if (msg instanceof Tag) {
    if (msg.tag !== COSE_SIGN1_TAG) bad('not tagged COSE_Sign1 (18)');
    msg = msg.value;
  }
  if (!Array.isArray(msg) || msg.length !== 4) bad('not a 4-element array');
  const [protectedBytes, unprotected, payload, signature] = msg as unknown[];
  if (!isBytes(protectedBytes) || !isBytes(signature)) bad('protected header and signature must be bstr');
  if (!(unprotected instanceof Map)) bad('unprotected header must be a map');
  if (payload !== null && payload !== undefined && !isBytes(payload)) bad('payload must be bstr or nil');
  let protectedHeader: unknown;
  try {
    protectedHeader = (protectedBytes as Uint8Array).length === 0 ? new Map() : cbor.decode(protectedBytes as Uint8Array);
  } catch {
    return bad('protected header is not CBOR');
  }
  if (!(protectedHeader instanceof Map)) bad('protected header must be a map');
  return {
    protectedBytes: new Uint8Array(protectedBytes as Uint8Array),
    protectedHeader: protectedHeader as Map<unknown, unknown>,
    unprotected: unprotected as Map<unknown, unknown>,
    payload: isBytes(payload) ? new Uint8Array(payload) : null,
    signature: new Uint8Array(signature as Uint8Array),
  };
}

/** Encodes a tagged COSE_Sign1. */
export function encodeSign1(m: Omit<Sign1, 'protectedHeader'>): Uint8Array {
  return cbor.encode(new Tag([m.protectedBytes, m.unprotected, m.payload, m.signature], COSE_SIGN1_TAG));
}
