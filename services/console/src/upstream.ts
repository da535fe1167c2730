/**
 * The console's narrow, read-only relay to its configured governor and log (DESIGN §6). The page
 * may only talk to its own origin (security.ts), and neither service sends CORS headers, so the
 * console server forwards a fixed list of GET routes to the two base URLs it was started with —
 * never to a URL taken from a request (no open proxy). Only the `authorization` header is
 * forwarded (the auditor key the user typed; the console never stores it). Answers are bounded in
 * size and time; an unreachable or oversized upstream is `XP_CONSOLE_UPSTREAM` (502).
 */
import { XprovError } from '@xprov/format';
import { CONSOLE_CODES } from './codes.js';

export interface UpstreamOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxBytes: number;
}

export interface Relayed {
  status: number;
  contentType: string;
  body: Uint8Array;
}

async function readBounded(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new XprovError(CONSOLE_CODES.UPSTREAM, `upstream answer larger than ${maxBytes} bytes`);
  if (!res.body) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new XprovError(CONSOLE_CODES.UPSTREAM, `upstream answer larger than ${maxBytes} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** GET `base` + `path` (path built by the caller from fixed segments and encoded parameters). */
export async function relay(base: string, path: string, authorization: string | undefined, o: UpstreamOptions): Promise<Relayed> {
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  const headers: Record<string, string> = { accept: 'application/json, text/plain' };
  if (authorization !== undefined) headers['authorization'] = authorization;
  let res: Response;
  try {
    res = await o.fetch(url, { method: 'GET', headers, redirect: 'error', signal: AbortSignal.timeout(o.timeoutMs) });
  } catch (e) {
    throw new XprovError(CONSOLE_CODES.UPSTREAM, `cannot reach ${url.origin}: ${(e as Error).message}`);
  }
  const body = await readBounded(res, o.maxBytes);
  const type = res.headers.get('content-type') ?? '';
  // Only JSON and plain text are passed on; anything else would be rendered by nobody.
  const contentType = type.startsWith('application/json') ? 'application/json' : 'text/plain; charset=utf-8';
  return { status: res.status, contentType, body };
}
