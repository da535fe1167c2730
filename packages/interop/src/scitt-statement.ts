/**
 * SCITT signed statements (draft-ietf-scitt-architecture §6; spec/scitt.md §2): each xprov
 * credential as a COSE_Sign1 whose payload is the credential's JCS bytes (RFC 8785), signed by
 * the exporting governor's Ed25519 key. Protected header: alg EdDSA (-8), content type
 * `application/vc`, kid = UTF-8 of the signer's did:key verification method id, and CWT claims
 * (label 15) with iss = the signer's DID and sub = the credential id. The credential keeps its
 * own Data Integrity proof by its real issuer; the statement signature adds the governor's
 * custody. Everything in a statement handed to `verifySignedStatement` is attacker-controlled.
 */
import { type Ed25519KeyPair, ed25519Backend, parseDidKey } from '@xprov/crypto';
import { XprovError, jcs, jcsBytes } from '@xprov/format';
import { INTEROP_CODES } from './codes.js';
import {
  ALG_EDDSA,
  CWT_ISS,
  CWT_SUB,
  HEADER_ALG,
  HEADER_CONTENT_TYPE,
  HEADER_CWT_CLAIMS,
  HEADER_KID,
  HEADER_RECEIPTS,
  cbor,
  decodeSign1,
  encodeSign1,
  sigStructure,
} from './cose.js';
import { keyHint, readTrustFile } from './keys.js';

export const VC_CONTENT_TYPE = 'application/vc';

const utf8 = new TextEncoder();
const utf8Decode = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(b);

/** Signs `credential` (any JSON object with a string `id`) as a SCITT signed statement. */
export function signStatement(credential: { id: string }, keyPair: Ed25519KeyPair, receipts: Uint8Array[] = []): Uint8Array {
  const vm = keyHint(keyPair);
  const iss = vm.slice(0, vm.indexOf('#'));
  const protectedHeader = new Map<number, unknown>([
    [HEADER_ALG, ALG_EDDSA],
    [HEADER_CONTENT_TYPE, VC_CONTENT_TYPE],
    [HEADER_KID, utf8.encode(vm)],
    [
      HEADER_CWT_CLAIMS,
      new Map<number, string>([
        [CWT_ISS, iss],
        [CWT_SUB, credential.id],
      ]),
    ],
  ]);
  const protectedBytes = cbor.encode(protectedHeader);
  const payload = jcsBytes(credential);
  const signature = ed25519Backend().sign(keyPair.secretKey, sigStructure(protectedBytes, payload));
  const unprotected = new Map<number, unknown>(receipts.length ? [[HEADER_RECEIPTS, receipts]] : []);
  return encodeSign1({ protectedBytes, unprotected, payload, signature });
}

/** A signed statement with receipts in its unprotected header: a Transparent Statement. */
export function withReceipts(statement: Uint8Array, receipts: Uint8Array[]): Uint8Array {
  const m = decodeSign1(statement, INTEROP_CODES.SCITT_MALFORMED);
  const unprotected = new Map(m.unprotected);
  unprotected.set(HEADER_RECEIPTS, receipts);
  return encodeSign1({ ...m, unprotected });
}

export interface VerifiedStatement {
  /** The credential (parsed payload). */
  credential: Record<string, unknown> & { id: string };
  iss: string;
  sub: string;
  kid: string;
  /** Receipts carried in the unprotected header (label 394), unverified. */
  receipts: Uint8Array[];
}

function malformed(why: string): never {
  throw new XprovError(INTEROP_CODES.SCITT_MALFORMED, `malformed signed statement: ${why}`);
}

/**
 * Verifies a signed statement against the trust file: well formed (`XP_SCITT_MALFORMED`), kid
 * is iss's did:key and iss a trusted governor (`XP_SCITT_UNTRUSTED`), signature
 * (`XP_SCITT_SIGNATURE`), payload is the canonical JCS of a credential whose id is sub
 * (`XP_SCITT_MISMATCH`).
 */
export function verifySignedStatement(statement: Uint8Array, trust: unknown): VerifiedStatement {
  const governors = new Set(readTrustFile(trust).governors);
  const m = decodeSign1(statement, INTEROP_CODES.SCITT_MALFORMED);
  const h = m.protectedHeader;
  if (h.get(HEADER_ALG) !== ALG_EDDSA) malformed('alg must be EdDSA (-8)');
  if (h.get(HEADER_CONTENT_TYPE) !== VC_CONTENT_TYPE) malformed(`content type must be ${VC_CONTENT_TYPE}`);
  const kidBytes = h.get(HEADER_KID);
  if (!(kidBytes instanceof Uint8Array)) malformed('kid must be bstr');
  const claims = h.get(HEADER_CWT_CLAIMS);
  if (!(claims instanceof Map)) malformed('CWT claims (15) must be a map');
  const iss = claims.get(CWT_ISS);
  const sub = claims.get(CWT_SUB);
  if (typeof iss !== 'string' || typeof sub !== 'string') malformed('CWT claims need iss and sub strings');
  if (!m.payload) malformed('payload must be attached');
  let kid: string;
  try {
    kid = utf8Decode(kidBytes);
  } catch {
    return malformed('kid is not UTF-8');
  }
  let publicKey: Uint8Array;
  try {
    const k = parseDidKey(kid);
    if (k.did !== iss || !kid.includes('#')) throw new Error('kid is not the verification method of iss');
    publicKey = k.publicKey;
  } catch (cause) {
    throw new XprovError(INTEROP_CODES.SCITT_UNTRUSTED, 'kid must be the did:key verification method of iss', { cause });
  }
  if (!governors.has(iss)) throw new XprovError(INTEROP_CODES.SCITT_UNTRUSTED, `${iss} is not a trusted governor`);
  if (!ed25519Backend().verify(publicKey, sigStructure(m.protectedBytes, m.payload), m.signature)) {
    throw new XprovError(INTEROP_CODES.SCITT_SIGNATURE, 'the signed statement signature does not verify');
  }
  let credential: unknown;
  try {
    credential = JSON.parse(utf8Decode(m.payload));
  } catch {
    return malformed('payload is not UTF-8 JSON');
  }
  if (typeof credential !== 'object' || credential === null || typeof (credential as { id?: unknown }).id !== 'string') {
    malformed('payload is not a credential with an id');
  }
  if (jcs(credential) !== utf8Decode(m.payload)) malformed('payload is not in JCS form');
  const c = credential as VerifiedStatement['credential'];
  if (c.id !== sub) throw new XprovError(INTEROP_CODES.SCITT_MISMATCH, 'CWT sub is not the credential id');
  const receipts = m.unprotected.get(HEADER_RECEIPTS);
  const list = Array.isArray(receipts) ? receipts.filter((r): r is Uint8Array => r instanceof Uint8Array) : [];
  return { credential: c, iss, sub, kid, receipts: list };
}
