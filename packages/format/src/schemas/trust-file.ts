/**
 * The verifier's trust file (DESIGN §4, spec/trust-file.md): whom to trust, and how strictly.
 * It is the one input a verifier's operator controls; everything in a bundle is checked against it.
 */
import { z } from 'zod';
import { CRYPTOSUITES, Did } from './common.js';
import { LogOrigin } from './receipt.js';

/** A C2SP signed-note verifier key: `<name>+<key id, 8 hex>+<base64(type byte ‖ public key)>`. */
export const NoteVerifierKey = z
  .string()
  .regex(/^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+={0,2}$/, 'a C2SP note verifier key name+hash+base64');

export const TrustedLog = z.strictObject({ origin: LogOrigin, vkey: NoteVerifierKey });

export const TrustFile = z
  .strictObject({
    /** Format version; absent means 1. */
    version: z.literal(1).optional(),
    authorities: z.array(Did),
    governors: z.array(Did),
    logs: z.array(TrustedLog),
    witnesses: z.strictObject({ keys: z.array(NoteVerifierKey), threshold: z.int().min(0) }),
    allowedCryptosuites: z.array(z.enum(CRYPTOSUITES)).min(1),
    /** Tolerance when comparing times (spec/verification.md §0); absent means 0. */
    maxClockSkewSeconds: z.int().min(0).max(3600).optional(),
  })
  .refine((t) => t.witnesses.threshold <= t.witnesses.keys.length, {
    message: 'threshold exceeds the number of witness keys',
    path: ['witnesses', 'threshold'],
  });

export type NoteVerifierKey = z.infer<typeof NoteVerifierKey>;
export type TrustedLog = z.infer<typeof TrustedLog>;
export type TrustFile = z.infer<typeof TrustFile>;
