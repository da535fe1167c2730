/**
 * Bearer API-key check for the write routes (DESIGN §6: fail-closed).
 *
 * The key itself is never kept: only its SHA-256, compared in constant time. The
 * `Authorization` header is attacker-controlled; any shape other than `Bearer <key>` is refused.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { XprovError } from '@xprov/format';

export function hashApiKey(key: string): Uint8Array {
  return createHash('sha256').update(key, 'utf8').digest();
}

export function generateApiKey(): string {
  return `xplog_${randomBytes(32).toString('base64url')}`;
}

/** Throws `XP_AUTH_MISSING` or `XP_AUTH_INVALID` unless `header` carries the key hashing to `expected`. */
export function checkBearer(header: string | undefined, expected: Uint8Array): void {
  if (header === undefined || header === '') throw new XprovError('XP_AUTH_MISSING', 'an API key is required');
  const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
  if (!m) throw new XprovError('XP_AUTH_INVALID', 'malformed Authorization header');
  const got = hashApiKey(m[1]!);
  if (!timingSafeEqual(got, expected)) throw new XprovError('XP_AUTH_INVALID', 'wrong API key');
}
