/**
 * A log receipt for one credential (DESIGN §3, spec/log-entry.md §3): where the log placed the
 * entry and the proof that the signed checkpoint's tree contains it.
 */
import { z } from 'zod';

/** A C2SP tlog-checkpoint origin line: non-empty, one line. */
export const LogOrigin = z.string().regex(/^[^\s][^\n]{0,254}$/, 'a one-line origin');

/** RFC 9162 node hashes, standard base64 of 32 bytes. */
export const Base64Hash = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'base64 of a 32-byte hash');

/** A C2SP signed note (checkpoint body, blank line, signature lines), verbatim. */
export const SignedNoteText = z
  .string()
  .max(65536)
  .refine((s) => s.endsWith('\n') && s.includes('\n\n\u2014 '), 'a C2SP signed note ending in a newline');

/** Canonical standard base64 (RFC 4648 §4, padded, zero trailing bits) — one spelling per value. */
function canonicalBase64(s: string): boolean {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return false;
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  if (s.endsWith('==')) return (B64.indexOf(s[s.length - 3]!) & 0b1111) === 0;
  if (s.endsWith('=')) return (B64.indexOf(s[s.length - 2]!) & 0b11) === 0;
  return true;
}

/** Base64 of at most 65,536 bytes (the log's entry limit, spec/log-service.md). */
export const MAX_ENTRY_BASE64_CHARS = 87_384;

/** The logged entry bytes (spec/log-entry.md §1), canonical base64; attacker-supplied. */
export const EntryBase64 = z
  .string()
  .min(1)
  .max(MAX_ENTRY_BASE64_CHARS)
  .refine(canonicalBase64, 'canonical standard base64 of the logged entry');

/** The JSON receipt (spec/log-entry.md §3). `entry` is optional (spec/verification.md 2.4, 13.5). */
export const Receipt = z
  .strictObject({
    credentialId: z.string().min(1),
    origin: LogOrigin,
    index: z.int().min(0),
    treeSize: z.int().min(1),
    // At most 63 hashes: log-core's MAX_INCLUSION_PATH (spec/log-entry.md §3, RFC 9162 §2.1.3).
    inclusionProof: z.array(Base64Hash).max(63),
    checkpoint: SignedNoteText,
    entry: EntryBase64.optional(),
  })
  .refine((r) => r.index < r.treeSize, { message: 'index must be below treeSize', path: ['index'] });

export type Receipt = z.infer<typeof Receipt>;

/**
 * A receipt given as an RFC 9942 COSE Receipt (spec/log-entry.md §4): the base64 of the tagged
 * COSE_Sign1 with xprov's checkpoint header. Verifiers convert it to a `Receipt` first
 * (spec/verification.md 2.6). At most 64 KiB of CBOR.
 */
export const CoseReceiptRef = z.strictObject({
  credentialId: z.string().min(1),
  cose: z.string().min(1).max(87_384).refine(canonicalBase64, 'canonical standard base64 of a COSE Receipt'),
  entry: EntryBase64.optional(),
});

export type CoseReceiptRef = z.infer<typeof CoseReceiptRef>;

/**
 * An RFC 9162 §2.1.4 consistency proof between two checkpoints of one log (spec/bundle.md rule 10,
 * spec/verification.md 13.8).
 */
export const ConsistencyProof = z
  .strictObject({
    origin: LogOrigin,
    fromSize: z.int().min(1),
    toSize: z.int().min(1),
    proof: z.array(Base64Hash).max(128),
  })
  .refine((p) => p.fromSize < p.toSize, { message: 'fromSize must be below toSize', path: ['fromSize'] });

export type ConsistencyProof = z.infer<typeof ConsistencyProof>;
