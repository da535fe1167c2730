/**
 * Coded JSON errors `{error: {code, message, …}}` and request-body reading (DESIGN §6). Bodies,
 * headers and paths are attacker-controlled: a body is read only after the API key and role were
 * accepted, only up to 1 MiB, parsed as JSON, then validated; any failure changes nothing.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { isXprovError, XprovError } from '@xprov/format';
import { ISSUER_CODES, statusFor } from './codes.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export function errorResponse(c: Context, e: unknown): Response {
  if (isXprovError(e)) {
    const extra = (e.details ?? {}) as Record<string, unknown>;
    const body: Record<string, unknown> = { code: e.code, message: e.message };
    // Only whitelisted detail fields reach the client (never stack traces or paths).
    for (const k of ['codes', 'failures', 'denial', 'logIndex', 'executionId', 'issues']) {
      if (extra[k] !== undefined) body[k] = extra[k];
    }
    return c.json({ error: body }, statusFor(e.code));
  }
  return c.json({ error: { code: ISSUER_CODES.INTERNAL, message: 'internal error' } }, 500);
}

/**
 * 413 on a Content-Length over 1 MiB and on a streamed body that grows past it. A request with a
 * Content-Length (and no Transfer-Encoding) is decided on the header alone — Node's parser
 * delivers exactly that many bytes — so its body is later read straight from the socket; only a
 * chunked body goes through hono's bodyLimit, which counts while buffering it (and, by touching
 * `req.body`, makes @hono/node-server build a full WHATWG Request: ≈ 0.1 ms per request).
 */
export function limitBody(max = MAX_BODY_BYTES): MiddlewareHandler {
  const tooLarge = () => {
    throw new XprovError(ISSUER_CODES.BODY_TOO_LARGE, `body larger than ${max} bytes`);
  };
  const streamed = bodyLimit({ maxSize: max, onError: tooLarge });
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    // Node's parser refuses a malformed Content-Length before we get here; stay strict anyway.
    if (!/^[0-9]{1,16}$/.test(length)) throw new XprovError(ISSUER_CODES.BODY_MALFORMED, 'bad Content-Length');
    if (Number(length) > max) tooLarge();
    await next();
  };
}

/** Reads the body as JSON: XP_BODY_MALFORMED when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new XprovError(ISSUER_CODES.BODY_MALFORMED, 'the body is not JSON');
  }
}

/** Reads and validates the body: XP_BODY_INVALID with the zod issues when it has the wrong shape. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const json = await readJson(c);
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
  throw new XprovError(ISSUER_CODES.BODY_INVALID, `invalid body${issues[0] ? ` at ${issues[0].path.join('.')}: ${issues[0].message}` : ''}`, {
    details: { issues },
  });
}
