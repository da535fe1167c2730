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

export const Receipt = z
  .strictObject({
    credentialId: z.string().min(1),
    origin: LogOrigin,
    index: z.int().min(0),
    treeSize: z.int().min(1),
    inclusionProof: z.array(Base64Hash).max(64),
    checkpoint: SignedNoteText,
  })
  .refine((r) => r.index < r.treeSize, { message: 'index must be below treeSize', path: ['index'] });

export type Receipt = z.infer<typeof Receipt>;
