/**
 * `buildLogEntry` (DESIGN §3, spec/log-entry.md §1): the leaf for a signed credential. Only
 * identifiers and the digest go into the log, never claims.
 */
import { digestMultibase } from '../digest.js';
import { XprovError } from '../errors.js';
import { type JcsMemo, jcsBytes } from '../jcs.js';
import { parseWith } from '../parse.js';
import { LOGGED_TYPES, LogEntry, type LoggedType } from '../schemas/log-entry.js';

interface SignedCredentialLike {
  id?: unknown;
  type?: unknown;
  issuer?: unknown;
  credentialSubject?: unknown;
  proof?: unknown;
}

/** `memo`: a JCS memo of the caller's scope (see `JcsMemo`), shared with the digest. */
export function buildLogEntry(signedCredential: SignedCredentialLike, memo?: JcsMemo): { entry: LogEntry; bytes: Uint8Array } {
  const c = signedCredential;
  if (c.proof === undefined || c.proof === null) {
    throw new XprovError('XP_MALFORMED', 'only signed credentials are logged');
  }
  const types = Array.isArray(c.type) ? c.type : [c.type];
  const type = LOGGED_TYPES.find((t: LoggedType) => types.includes(t));
  if (type === undefined) throw new XprovError('XP_MALFORMED', 'not a credential type xprov logs');
  const issuer = typeof c.issuer === 'object' && c.issuer !== null ? (c.issuer as { id?: unknown }).id : c.issuer;
  const subject =
    typeof c.credentialSubject === 'object' && c.credentialSubject !== null
      ? ((c.credentialSubject as { id?: unknown }).id ?? c.id)
      : undefined;
  const entry = parseWith(
    LogEntry,
    { v: 1, type, id: c.id, digestMultibase: digestMultibase(c, memo), issuer, subject },
    'LogEntry',
  );
  return { entry, bytes: jcsBytes(entry) };
}
