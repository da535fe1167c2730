/**
 * The log entry (DESIGN §3, spec/log-entry.md §1): digests and identifiers only, never claims,
 * because a log cannot forget. The leaf is the JCS bytes of this object.
 */
import { z } from 'zod';
import { Did, DigestMultibase } from './common.js';

export const LOGGED_TYPES = [
  'AgentAuthorizationCredential',
  'ExecutionPermitCredential',
  'ExecutionOutcomeCredential',
  'ExecutionDenial',
  'BitstringStatusListCredential',
] as const;
export const LoggedType = z.enum(LOGGED_TYPES);

export const LogEntry = z.strictObject({
  v: z.literal(1),
  type: LoggedType,
  id: z.string().min(1).max(2048),
  digestMultibase: DigestMultibase,
  issuer: Did,
  subject: z.string().min(1).max(2048),
});

export type LoggedType = z.infer<typeof LoggedType>;
export type LogEntry = z.infer<typeof LogEntry>;
