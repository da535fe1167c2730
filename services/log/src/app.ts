/**
 * The log's HTTP API (DESIGN §3, spec/log-service.md): `POST /add`, `POST /add-batch`, the C2SP
 * tlog-tiles reads, proof conveniences, health and metrics. Everything an HTTP client sends is
 * attacker-controlled: bodies, query strings, tile paths and the Authorization header.
 */
import { Hono } from 'hono';
import { XprovError } from '@xprov/format';
import { checkBearer } from './auth.js';
import { errorResponse } from './http-errors.js';
import { MAX_BATCH_BODY_BYTES, MAX_ENTRY_BYTES } from './limits.js';
import type { LogService } from './log-service.js';
import { parseBatchBody, parseSize, parseWait } from './requests.js';
import { tileReadHeaders } from './tile-reads.js';

export interface LogAppOptions {
  /** SHA-256 of the API key (see `hashApiKey`). */
  apiKeyHash: Uint8Array;
}

export function createLogApp(log: LogService, options: LogAppOptions): Hono {
  const app = new Hono();
  app.onError((e, c) => errorResponse(c, e));
  app.notFound((c) => c.json({ error: { code: 'XP_NOT_FOUND', message: 'no such resource' } }, 404));

  // Writes: the key is checked before the body is read, so a refused request changes nothing.
  const auth = async (c: Parameters<Parameters<typeof app.use>[1]>[0], next: () => Promise<void>) => {
    checkBearer(c.req.header('authorization'), options.apiKeyHash);
    await next();
  };
  // Body limits from Content-Length, before reading (hono's bodyLimit would wrap the body in a
  // web stream, which costs more than the rest of the request). No length → 411.
  const limit = (max: number, code: string) => async (c: Parameters<Parameters<typeof app.use>[1]>[0], next: () => Promise<void>) => {
    const len = c.req.header('content-length');
    if (len === undefined) throw new XprovError('XP_LENGTH_REQUIRED', 'Content-Length is required');
    if (!/^[0-9]{1,16}$/.test(len)) throw new XprovError('XP_QUERY_INVALID', 'bad Content-Length');
    if (Number(len) > max) throw new XprovError(code, `body larger than ${max} bytes`);
    await next();
  };

  app.post('/add', auth, limit(MAX_ENTRY_BYTES, 'XP_ENTRY_TOO_LARGE'), async (c) => {
    const wait = parseWait(c.req.query('wait'));
    const entry = new Uint8Array(await c.req.arrayBuffer());
    if (entry.length > MAX_ENTRY_BYTES) throw new XprovError('XP_ENTRY_TOO_LARGE', 'entry too large');
    if (entry.length === 0) throw new XprovError('XP_ENTRY_EMPTY', 'the entry is empty');
    const index = await log.add([entry]);
    if (wait === 'receipt') return c.json({ index, receipt: await log.receipt(index) });
    return c.json({ index });
  });

  app.post('/add-batch', auth, limit(MAX_BATCH_BODY_BYTES, 'XP_BODY_TOO_LARGE'), async (c) => {
    const wait = parseWait(c.req.query('wait'));
    const text = await c.req.text();
    if (text.length > MAX_BATCH_BODY_BYTES) throw new XprovError('XP_BODY_TOO_LARGE', 'body too large');
    const entries = parseBatchBody(text);
    const first = await log.add(entries);
    const indexes = entries.map((_, i) => first + i);
    if (wait === 'receipt') {
      const receipts = await Promise.all(indexes.map((i) => log.receipt(i)));
      return c.json({ indexes, receipts });
    }
    return c.json({ indexes });
  });

  app.get('/checkpoint', async (c) => {
    const cp = await log.checkpoint();
    if (cp === undefined) throw new XprovError('XP_NOT_FOUND', 'the log has no checkpoint yet');
    return c.body(cp, 200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' });
  });

  app.get('/tile/*', async (c) => {
    const { data, full } = await log.readTilePath(c.req.path.slice(1));
    return c.body(data as Uint8Array<ArrayBuffer>, 200, tileReadHeaders(full));
  });

  app.get('/proof/inclusion', async (c) => {
    const index = parseSize(c.req.query('index'), 'index');
    const size = parseSize(c.req.query('size'), 'size');
    return c.json({ proof: (await log.inclusionProof(index, size)).map(b64) });
  });

  app.get('/proof/consistency', async (c) => {
    const from = parseSize(c.req.query('from'), 'from');
    const to = parseSize(c.req.query('to'), 'to');
    return c.json({ proof: (await log.consistencyProof(from, to)).map(b64) });
  });

  app.get('/healthz', async (c) => c.json({ status: 'ok', ...(await log.sizes()) }));

  app.get('/metrics', async (c) =>
    c.body(await log.metrics.registry.metrics(), 200, { 'content-type': log.metrics.registry.contentType }),
  );

  return app;
}

function b64(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}
