/**
 * `createConsoleApp`: the console of DESIGN §6 on Hono — the page and its assets (proof viewer,
 * lineage explorer, health dashboard; all verification happens in the browser), `/config.json`
 * (what the page is pointed at), and the read-only relay `/api/governor/…`, `/api/log/…` to the
 * configured services (upstream.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XprovError } from '@xprov/format';
import { type Context, Hono } from 'hono';
import { type Asset, loadAssets } from './assets.js';
import { CONSOLE_CODES } from './codes.js';
import { SECURITY_HEADERS } from './security.js';
import { relay, type UpstreamOptions } from './upstream.js';

export interface ConsoleOptions {
  /** The governor the lineage explorer and health page read, e.g. `http://127.0.0.1:8080`. */
  governorUrl?: string;
  /** The transparency log the health page reads, e.g. `http://127.0.0.1:8081`. */
  logUrl?: string;
  /**
   * Default trust anchors the health page starts with (the user may replace them in the page):
   * the log's origin and note verifier key, and the witnesses' cosignature keys and threshold.
   */
  log?: { origin: string; vkey: string };
  witnesses?: { keys: string[]; threshold: number };
  /** Built assets; default `dist/web` next to this module. */
  assetsDir?: string;
  fetch?: typeof fetch;
  upstreamTimeoutMs?: number;
  upstreamMaxBytes?: number;
}

const here = dirname(fileURLToPath(import.meta.url));
/** dist/web next to dist/app.js; from src/ (tests) the built ../dist/web. */
const DEFAULT_ASSETS = [join(here, 'web'), join(here, '../dist/web')].find((d) => existsSync(join(d, 'index.html'))) ?? join(here, 'web');
/** Execution ids are `urn:uuid:…` in practice; the governor refuses ids over 100 characters. */
const MAX_ID = 100;

function httpUrl(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new XprovError('XP_USAGE', `${name} is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new XprovError('XP_USAGE', `${name} must be http(s)`);
  return u.toString();
}

function problem(c: Context, status: 404 | 502, code: string, message: string): Response {
  return c.json({ error: { code, message } }, status, SECURITY_HEADERS);
}

function serveAsset(c: Context, asset: Asset): Response {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': asset.type,
    'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
  };
  const gzipOk = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
  if (asset.gzip && gzipOk) return c.body(asset.gzip as Uint8Array<ArrayBuffer>, 200, { ...headers, 'content-encoding': 'gzip' });
  return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, headers);
}

export function createConsoleApp(o: ConsoleOptions = {}): Hono {
  const governorUrl = httpUrl('governorUrl', o.governorUrl);
  const logUrl = httpUrl('logUrl', o.logUrl);
  const assets = loadAssets(o.assetsDir ?? DEFAULT_ASSETS);
  const up: UpstreamOptions = { fetch: o.fetch ?? fetch, timeoutMs: o.upstreamTimeoutMs ?? 10_000, maxBytes: o.upstreamMaxBytes ?? 16 * 1024 * 1024 };
  const app = new Hono();

  app.onError((e, c) => {
    const code = (e as { code?: unknown }).code;
    if (code === CONSOLE_CODES.UPSTREAM) return problem(c, 502, CONSOLE_CODES.UPSTREAM, e.message);
    return c.json({ error: { code: 'XP_INTERNAL', message: 'internal error' } }, 500, SECURITY_HEADERS);
  });
  app.notFound((c) => problem(c, 404, CONSOLE_CODES.NOT_FOUND, 'no such route'));

  app.get('/config.json', (c) =>
    c.json(
      {
        governor: governorUrl === undefined ? null : { url: governorUrl },
        log: logUrl === undefined ? null : { url: logUrl, ...(o.log ? { origin: o.log.origin, vkey: o.log.vkey } : {}) },
        witnesses: o.witnesses ?? null,
      },
      200,
      { ...SECURITY_HEADERS, 'cache-control': 'no-cache' },
    ),
  );

  // ---- relay (read-only, fixed routes) -------------------------------------------------
  const toGovernor = async (c: Context, path: string, auth: boolean) => {
    if (governorUrl === undefined) return problem(c, 404, CONSOLE_CODES.NOT_CONFIGURED, 'this console has no governor configured');
    const r = await relay(governorUrl, path, auth ? c.req.header('authorization') : undefined, up);
    return c.body(r.body as Uint8Array<ArrayBuffer>, r.status as 200, { ...SECURITY_HEADERS, 'content-type': r.contentType, 'cache-control': 'no-store' });
  };
  const toLog = async (c: Context, path: string) => {
    if (logUrl === undefined) return problem(c, 404, CONSOLE_CODES.NOT_CONFIGURED, 'this console has no log configured');
    const r = await relay(logUrl, path, undefined, up);
    return c.body(r.body as Uint8Array<ArrayBuffer>, r.status as 200, { ...SECURITY_HEADERS, 'content-type': r.contentType, 'cache-control': 'no-store' });
  };
  app.get('/api/governor/healthz', (c) => toGovernor(c, 'healthz', false));
  app.get('/api/governor/executions/:id/bundle', (c) => {
    const id = c.req.param('id');
    if (id.length === 0 || id.length > MAX_ID) return problem(c, 404, CONSOLE_CODES.NOT_FOUND, 'no such execution');
    return toGovernor(c, `executions/${encodeURIComponent(id)}/bundle`, true);
  });
  app.get('/api/log/checkpoint', (c) => toLog(c, 'checkpoint'));
  app.get('/api/log/healthz', (c) => toLog(c, 'healthz'));

  // ---- the page and its assets ---------------------------------------------------------
  app.get('/', (c) => {
    const page = assets.get('index.html');
    if (!page) return c.text('console assets missing: run `pnpm --filter @xprov/console build`', 503, SECURITY_HEADERS);
    return serveAsset(c, page);
  });
  app.get('/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    return asset ? serveAsset(c, asset) : problem(c, 404, CONSOLE_CODES.NOT_FOUND, 'no such asset');
  });
  return app;
}
