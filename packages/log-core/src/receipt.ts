/**
 * The xprov log receipt (DESIGN.md §3): `{origin, index, treeSize, inclusionProof[], checkpoint}`
 * with base64 proof hashes and the checkpoint as signed-note text (with any witness
 * cosignatures), and its offline verification against trusted logs and witnesses. Also the
 * conversion to and from a C2SP tlog-proof. A receipt comes from a bundle: all of it is
 * attacker-controlled until verified.
 */
import { XprovError } from '@xprov/format';
import { base64DecodeOrUndefined, base64Encode, isSafeIndex } from './bytes.js';
import { HASH_SIZE, type Hash, leafHash, MAX_INCLUSION_PATH, verifyInclusion } from './rfc9162.js';
import type { NoteVerifier } from './signed-note.js';
import { type Checkpoint, openCheckpoint } from './tlog-checkpoint.js';
import { type VerifiedCosignature, verifyCosignatures } from './tlog-cosignature.js';
import { formatTlogProof, parseTlogProof } from './tlog-proof.js';

export interface LogReceipt {
  origin: string;
  index: number;
  treeSize: number;
  /** Base64 SHA-256 hashes, leaf sibling first (RFC 9162 §2.1.3). */
  inclusionProof: string[];
  /** Signed checkpoint note text (log signature, then witness cosignatures). */
  checkpoint: string;
}

export interface TrustedLog {
  origin: string;
  verifiers: NoteVerifier[];
}

export interface ReceiptTrust {
  logs: TrustedLog[];
  /** Witness cosignature verifiers (type 0x04 keys) and how many must have cosigned. */
  witnesses?: NoteVerifier[];
  witnessThreshold?: number;
}

export interface VerifiedReceipt {
  checkpoint: Checkpoint;
  cosignatures: VerifiedCosignature[];
}

function malformed(why: string): never {
  throw new XprovError('XP_MALFORMED', `malformed log receipt: ${why}`);
}

/** Checks the receipt's shape and decodes its proof (`XP_MALFORMED`). */
export function parseReceipt(r: unknown): { receipt: LogReceipt; proof: Hash[] } {
  if (typeof r !== 'object' || r === null) malformed('not an object');
  const o = r as Record<string, unknown>;
  if (typeof o.origin !== 'string' || o.origin.length === 0) malformed('origin');
  if (!isSafeIndex(o.index)) malformed('index');
  if (!isSafeIndex(o.treeSize)) malformed('treeSize');
  if (typeof o.checkpoint !== 'string') malformed('checkpoint');
  if (!Array.isArray(o.inclusionProof) || o.inclusionProof.length > MAX_INCLUSION_PATH) malformed('inclusionProof');
  const proof = (o.inclusionProof as unknown[]).map((h) => {
    const b = typeof h === 'string' ? base64DecodeOrUndefined(h) : undefined;
    if (!b || b.length !== HASH_SIZE) malformed('inclusionProof hash');
    return b;
  });
  return { receipt: o as unknown as LogReceipt, proof };
}

/**
 * Verifies a receipt for `entry` (the logged bytes, or pass `{ leafHash }`): the log is
 * trusted (`XP_LOG_UNTRUSTED`), its checkpoint signature verifies
 * (`XP_LOG_CHECKPOINT_SIGNATURE`), enough witnesses cosigned (`XP_LOG_WITNESS`), and the
 * inclusion proof reaches the checkpoint root at the checkpoint's size (`XP_LOG_INCLUSION`).
 */
export function verifyReceipt(r: unknown, entry: Uint8Array | { leafHash: Hash }, trust: ReceiptTrust): VerifiedReceipt {
  const { receipt, proof } = parseReceipt(r);
  const log = trust.logs.find((l) => l.origin === receipt.origin);
  if (!log) throw new XprovError('XP_LOG_UNTRUSTED', `log ${JSON.stringify(receipt.origin)} is not trusted`);
  const { checkpoint } = openCheckpoint(receipt.checkpoint, { verifiers: log.verifiers, origin: log.origin });
  const cosignatures = verifyCosignatures(receipt.checkpoint, trust.witnesses ?? [], trust.witnessThreshold ?? 0);
  if (checkpoint.size !== receipt.treeSize) {
    throw new XprovError('XP_LOG_INCLUSION', 'receipt treeSize differs from its checkpoint size');
  }
  const leaf = entry instanceof Uint8Array ? leafHash(entry) : entry.leafHash;
  verifyInclusion(leaf, receipt.index, receipt.treeSize, proof, checkpoint.rootHash);
  return { checkpoint, cosignatures };
}

/** Builds a receipt from the parts a log has after integration. */
export function makeReceipt(origin: string, index: number, treeSize: number, proof: Hash[], checkpoint: string): LogReceipt {
  return { origin, index, treeSize, inclusionProof: proof.map(base64Encode), checkpoint };
}

/** The same receipt as a C2SP tlog-proof text. */
export function receiptToTlogProof(r: LogReceipt): string {
  const { receipt, proof } = parseReceipt(r);
  return formatTlogProof({ index: receipt.index, inclusionProof: proof, checkpoint: receipt.checkpoint });
}

/** A receipt from a C2SP tlog-proof text (origin and size come from the checkpoint body, unverified). */
export function receiptFromTlogProof(text: string): LogReceipt {
  const p = parseTlogProof(text);
  const body = p.checkpoint.split('\n');
  const size = Number(body[1]);
  if (!body[0] || !isSafeIndex(size)) malformed('tlog-proof checkpoint');
  return makeReceipt(body[0], p.index, size, p.inclusionProof, p.checkpoint);
}
