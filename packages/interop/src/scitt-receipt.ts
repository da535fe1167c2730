/**
 * COSE Receipts (RFC 9942, RFC9162_SHA256) for xprov log receipts (spec/scitt.md §3–§5).
 *
 * Key mapping: the log's C2SP Ed25519 note key (signed-note type 0x01) is used as a COSE OKP
 * Ed25519 key with alg EdDSA (-8); its `kid` is the 4-byte note key ID (big-endian), the same
 * ID that names the key in checkpoint signature lines. The receipt signs the checkpoint's root
 * (detached payload), so only the log operator, holding the note key, can export receipts.
 *
 * Leaf mapping: the leaf is RFC 9162's SHA-256(0x00 ‖ entry) over the DESIGN §3 log entry of the
 * credential (JCS of `{v:1, type, id, digestMultibase, issuer, subject}`), exactly as in the log.
 *
 * The checkpoint (signed note, with witness cosignatures) rides along in the private-use
 * unprotected header -65537, so a COSE receipt converts losslessly to the JSON receipt.
 */
import { ed25519Backend } from '@xprov/crypto';
import { type Receipt, XprovError, digestMultibase } from '@xprov/format';
import {
  type DecodedCoseReceipt,
  type Ed25519Verify,
  type NoteKey,
  base64Encode,
  decodeCoseReceipt,
  decodeVerifierKey,
  encodeCoseReceipt,
  leafHash,
  logReceiptFromCose,
  parseCheckpoint,
  parseCosignatureVerifierKey,
  parseReceipt,
  parseVerifierKey,
  verifyCoseReceipt,
  verifyReceipt,
} from '@xprov/log-core';
import { logEntryBytes } from '@xprov/verifier';
import { INTEROP_CODES } from './codes.js';
import { HEADER_XPROV_CHECKPOINT, decodeSign1, encodeSign1 } from './cose.js';
import { readTrustFile } from './keys.js';

/** The JSON receipt of a bundle (DESIGN §3, spec/log-entry.md §3): @xprov/format's `Receipt`. */
export type JsonReceipt = Receipt;

type Credential = Parameters<typeof logEntryBytes>[0];

/** log-core's (sig, msg, pub) verify over @xprov/crypto's backend (node:crypto when present). */
const verify: Ed25519Verify = (sig, msg, pub) => ed25519Backend().verify(pub, msg, sig);

/** The RFC 9162 leaf hash of a credential's DESIGN §3 log entry. */
export function credentialLeafHash(credential: unknown): Uint8Array {
  return leafHash(logEntryBytes(credential as Credential, digestMultibase(credential)));
}

function keyIdBytes(keyId: number): Uint8Array {
  return new Uint8Array([keyId >>> 24, (keyId >>> 16) & 255, (keyId >>> 8) & 255, keyId & 255]);
}

/**
 * The COSE receipt for one JSON receipt. Refuses (`XP_EXPORT_REFUSED`) unless the checkpoint is
 * signed by `logKey` and the inclusion proof of this credential's leaf reaches its root: a log
 * key never signs a root for a leaf it has not proven.
 */
export function coseReceiptFromJson(receipt: JsonReceipt, credential: unknown, logKey: NoteKey): Uint8Array {
  let root: Uint8Array;
  let proof: Uint8Array[];
  try {
    proof = parseReceipt(receipt).proof;
    const trust = { logs: [{ origin: receipt.origin, verifiers: [logKey.verifier] }] };
    root = verifyReceipt(receipt, { leafHash: credentialLeafHash(credential) }, trust).checkpoint.rootHash;
  } catch (cause) {
    throw new XprovError(INTEROP_CODES.EXPORT_REFUSED, `receipt for ${receipt.credentialId} does not verify with the log key`, { cause });
  }
  const bytes = encodeCoseReceipt({
    index: receipt.index,
    treeSize: receipt.treeSize,
    inclusionProof: proof,
    rootHash: root,
    sign: (tbs) => logKey.signer.sign(tbs),
    kid: keyIdBytes(logKey.keyId),
  });
  const m = decodeSign1(bytes, 'XP_COSE_MALFORMED');
  const unprotected = new Map(m.unprotected);
  unprotected.set(HEADER_XPROV_CHECKPOINT, receipt.checkpoint);
  return encodeSign1({ ...m, unprotected });
}

/** A receipt's parts (log-core's `decodeCoseReceipt`) with its kid read as a 4-byte note key ID. */
interface ReceiptParts extends DecodedCoseReceipt {
  keyId?: number;
}

/**
 * Reads the parts of a COSE receipt without verifying it: @xprov/log-core's reader, the one set
 * of structural rules (spec/scitt.md §3.6) over attacker-supplied bytes (`XP_COSE_MALFORMED`).
 */
function receiptParts(bytes: Uint8Array): ReceiptParts {
  const p = decodeCoseReceipt(bytes);
  const kid = p.kid;
  const keyId = kid?.length === 4 ? ((kid[0]! << 24) | (kid[1]! << 16) | (kid[2]! << 8) | kid[3]!) >>> 0 : undefined;
  return keyId === undefined ? p : { ...p, keyId };
}

/**
 * The JSON receipt a COSE receipt stands for, for verifiers that take JSON receipts
 * (`xprov-verify`). Needs the checkpoint header (`XP_COSE_MALFORMED` without it); the result is
 * verified as any JSON receipt is: the checkpoint's log signature and witnesses authenticate it.
 * The mapping is log-core's `logReceiptFromCose`, which @xprov/verifier's 2.6 reader uses too.
 */
export function receiptFromCose(bytes: Uint8Array, credentialId: string): JsonReceipt {
  return { credentialId, ...logReceiptFromCose(bytes) };
}

export interface VerifiedScittReceipt {
  origin: string;
  index: number;
  treeSize: number;
  rootHash: Uint8Array;
  /** Whether the checkpoint header was present and verified too (witness policy applied). */
  checkpointVerified: boolean;
}

/**
 * Verifies a COSE receipt for `credential` against the trust file (spec/scitt.md §5): the kid
 * names a trusted log key (`XP_LOG_UNTRUSTED`); the RFC 9942 signature over the root recomputed
 * from this credential's leaf verifies (log-core: `XP_COSE_MALFORMED`, `XP_LOG_INCLUSION`,
 * `XP_LOG_CHECKPOINT_SIGNATURE`); and, when the checkpoint header is present, the checkpoint
 * verifies with the trust file's log and witness policy and has the same size and root
 * (`XP_LOG_INCLUSION`, `XP_LOG_WITNESS`, …). Without a checkpoint, a witness threshold above 0
 * cannot be met (`XP_LOG_WITNESS`).
 */
export function verifyScittReceipt(bytes: Uint8Array, credential: unknown, trust: unknown): VerifiedScittReceipt {
  const t = readTrustFile(trust);
  const p = receiptParts(bytes);
  const logs = t.logs.flatMap((l) => {
    try {
      const k = decodeVerifierKey(l.vkey);
      return k.type === 0x01 && k.publicKey.length === 32 ? [{ origin: l.origin, vkey: l.vkey, keyId: k.keyId, publicKey: k.publicKey }] : [];
    } catch {
      return [];
    }
  });
  const log = logs.find((l) => l.keyId === p.keyId);
  if (!log) throw new XprovError('XP_LOG_UNTRUSTED', 'the receipt kid names no trusted log key');
  const leaf = credentialLeafHash(credential);
  const verified = verifyCoseReceipt(bytes, leaf, log.publicKey, { verify });
  if (p.checkpoint === undefined) {
    if (t.witnesses.threshold > 0) throw new XprovError('XP_LOG_WITNESS', 'no checkpoint: witness cosignatures cannot be checked');
    return { origin: log.origin, index: verified.index, treeSize: verified.treeSize, rootHash: verified.rootHash, checkpointVerified: false };
  }
  // It must be the checkpoint of the root the log signed (compared first, then authenticated)…
  const json = receiptFromCose(bytes, String((credential as { id?: unknown }).id));
  const body = parseCheckpoint(json.checkpoint.slice(0, json.checkpoint.indexOf('\n\n') + 1));
  if (body.size !== verified.treeSize || base64Encode(body.rootHash) !== base64Encode(verified.rootHash)) {
    throw new XprovError('XP_LOG_INCLUSION', 'the receipt root is not the checkpoint root');
  }
  // …and verify as a JSON receipt: log signature, witness policy, this leaf's inclusion.
  verifyReceipt(json, { leafHash: leaf }, {
    logs: [{ origin: log.origin, verifiers: [parseVerifierKey(log.vkey, { verify })] }],
    witnesses: t.witnesses.keys.map((k) => parseCosignatureVerifierKey(k, { verify })),
    witnessThreshold: t.witnesses.threshold,
  });
  return { origin: log.origin, index: verified.index, treeSize: verified.treeSize, rootHash: verified.rootHash, checkpointVerified: true };
}
