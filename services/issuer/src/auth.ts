/**
 * API keys with roles (DESIGN §6: fail-closed). A key is `xpk_<random>`; only its SHA-256 is
 * stored, and the stored hash is compared with `crypto.timingSafeEqual`. No key or a wrong key
 * is 401, a wrong role 403 — before any body is read, so a refused request changes nothing.
 * The Authorization header is attacker-controlled.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { XprovError } from '@xprov/format';
import { ISSUER_CODES } from './codes.js';
import type { ApiKeyRecord, GovernorStore, Role } from './store.js';

export const ROLES = ['admin', 'authority', 'agent', 'auditor'] as const;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): string {
  return `xpk_${randomBytes(32).toString('base64url')}`;
}

/** Creates a key for `role` (bound to `subject`, a DID, when given); returns the secret once. */
export async function createApiKey(
  store: GovernorStore,
  role: Role,
  subject: string | undefined,
  now: Date,
): Promise<{ id: string; apiKey: string }> {
  const apiKey = generateApiKey();
  const id = randomUUID();
  await store.putApiKey({ id, hash: hashApiKey(apiKey), role, subject, createdAt: now.toISOString() });
  return { id, apiKey };
}

const CACHE_MS = 30_000;

/** Resolves Bearer keys to their records, with a short in-memory cache (keys are never deleted). */
export class ApiKeyAuth {
  readonly #store: GovernorStore;
  readonly #cache = new Map<string, { record: ApiKeyRecord; until: number }>();

  constructor(store: GovernorStore) {
    this.#store = store;
  }

  async authenticate(header: string | undefined): Promise<ApiKeyRecord> {
    if (header === undefined || header === '') throw new XprovError(ISSUER_CODES.AUTH_MISSING, 'an API key is required');
    const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
    if (!m) throw new XprovError(ISSUER_CODES.AUTH_INVALID, 'malformed Authorization header');
    const hash = hashApiKey(m[1]!);
    const now = Date.now();
    const hit = this.#cache.get(hash);
    let record = hit !== undefined && hit.until > now ? hit.record : undefined;
    if (record === undefined) {
      record = await this.#store.findApiKey(hash);
      if (record !== undefined) {
        if (this.#cache.size > 10_000) this.#cache.clear();
        this.#cache.set(hash, { record, until: now + CACHE_MS });
      }
    }
    if (record === undefined || !timingSafeEqual(Buffer.from(record.hash, 'hex'), Buffer.from(hash, 'hex'))) {
      throw new XprovError(ISSUER_CODES.AUTH_INVALID, 'unknown API key');
    }
    return record;
  }

  /** Middleware: authenticates and checks the role; the record is at `c.get('apiKey')`. */
  require(...roles: Role[]): MiddlewareHandler<{ Variables: { apiKey: ApiKeyRecord } }> {
    return async (c, next) => {
      const record = await this.authenticate(c.req.header('authorization'));
      if (!roles.includes(record.role)) {
        throw new XprovError(ISSUER_CODES.AUTH_FORBIDDEN, `this route needs the role ${roles.join(' or ')}`);
      }
      c.set('apiKey', record);
      await next();
    };
  }
}

export function apiKeyOf(c: Context): ApiKeyRecord {
  return c.get('apiKey') as ApiKeyRecord;
}
