/**
 * Coded JSON errors of the log and witness services: `{error: {code, message}}` with the
 * HTTP status each code maps to (spec/log-service.md §Errors).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isXprovError } from '@xprov/format';

const STATUS: Record<string, ContentfulStatusCode> = {
  XP_AUTH_MISSING: 401,
  XP_AUTH_INVALID: 401,
  XP_ENTRY_TOO_LARGE: 413,
  XP_BODY_TOO_LARGE: 413,
  XP_LENGTH_REQUIRED: 411,
  XP_ENTRY_EMPTY: 400,
  XP_BATCH_MALFORMED: 400,
  XP_QUERY_INVALID: 400,
  XP_LOG_TILE_PATH: 400,
  XP_TILE_PATH_MALFORMED: 400,
  XP_TILE_MALFORMED: 400,
  XP_NOT_FOUND: 404,
  XP_LOG_SIZE_BEYOND_TREE: 400,
  XP_LOG_WAIT_TIMEOUT: 504,
  XP_LOG_STORE_CONFLICT: 503,
};

export function statusFor(code: string): ContentfulStatusCode {
  return STATUS[code] ?? 500;
}

export function errorResponse(c: Context, e: unknown): Response {
  if (isXprovError(e)) {
    return c.json({ error: { code: e.code, message: e.message } }, statusFor(e.code));
  }
  // Never echo internal details (they may carry paths or key material) to the client.
  return c.json({ error: { code: 'XP_INTERNAL', message: 'internal error' } }, 500);
}
