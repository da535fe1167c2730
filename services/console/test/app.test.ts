/** The console server through app.request and real upstream servers on 127.0.0.1: assets, config, relay, codes. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isXprovError } from '@xprov/format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CODES, createConsoleApp } from '../src/index.js';

let upstream: Server;
let base: string;
const seen: { path: string; authorization?: string | undefined }[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    if (req.url === '/checkpoint') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('origin\n1\nAAAA\n');
    } else if (req.url?.startsWith('/executions/')) {
      res.writeHead(req.headers.authorization === 'Bearer good' ? 200 : 401, { 'content-type': 'application/json', 'set-cookie': 'x=1' });
      res.end(JSON.stringify({ path: req.url }));
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<script>alert(1)</script>');
    }
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => upstream.close(() => r())));

const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('createConsoleApp', () => {
  it('serves the page with a strict CSP, gzip when accepted, and hashed chunks as immutable', async () => {
    const app = createConsoleApp();
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(await page.text()).toContain('<main');
    const gz = await app.request('/app.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const wasm = await app.request('/cedar_wasm_bg.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    const chunk = [...(await (await app.request('/app.js')).text()).matchAll(/chunk-[A-Z0-9]+\.js/g)][0]?.[0];
    expect(chunk).toBeDefined();
    expect((await app.request(`/${chunk}`)).headers.get('cache-control')).toContain('immutable');
  });

  it('answers unknown assets and paths that try to leave the asset set with XP_CONSOLE_NOT_FOUND', async () => {
    const app = createConsoleApp();
    for (const p of ['/nope.js', '/..%2Fpackage.json', '/%2e%2e/src/app.ts', '/app.js.gz', '/api/governor/admin']) {
      const res = await app.request(p);
      expect(res.status, p).toBe(404);
      expect(await codeOf(res), p).toBe(CONSOLE_CODES.NOT_FOUND);
    }
  });

  it('says 503 with a hint when the assets were not built', async () => {
    const res = await createConsoleApp({ assetsDir: '/nonexistent' }).request('/');
    expect(res.status).toBe(503);
  });

  it('config.json tells the page what it is pointed at', async () => {
    const app = createConsoleApp({ governorUrl: base, logUrl: base, log: { origin: 'o', vkey: 'o+1+A' }, witnesses: { keys: ['w'], threshold: 1 } });
    expect(await (await app.request('/config.json')).json()).toEqual({
      governor: { url: `${base}/` },
      log: { url: `${base}/`, origin: 'o', vkey: 'o+1+A' },
      witnesses: { keys: ['w'], threshold: 1 },
    });
    expect(await (await createConsoleApp().request('/config.json')).json()).toEqual({ governor: null, log: null, witnesses: null });
  });

  it('relays the bundle route with the caller’s authorization only, id encoded, status kept, no other headers', async () => {
    const app = createConsoleApp({ governorUrl: base });
    const ok = await app.request('/api/governor/executions/urn:uuid:1%2F..%2Fx/bundle', { headers: { authorization: 'Bearer good', cookie: 'secret=1' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toBeNull();
    expect(await ok.json()).toEqual({ path: '/executions/urn%3Auuid%3A1%2F..%2Fx/bundle' });
    expect(seen.at(-1)?.authorization).toBe('Bearer good');
    const refused = await app.request('/api/governor/executions/x/bundle', { headers: { authorization: 'Bearer bad' } });
    expect(refused.status).toBe(401);
    const long = await app.request(`/api/governor/executions/${'a'.repeat(101)}/bundle`);
    expect(await codeOf(long)).toBe(CONSOLE_CODES.NOT_FOUND);
  });

  it('never forwards authorization to public routes, and passes non-JSON answers as plain text', async () => {
    const app = createConsoleApp({ governorUrl: base, logUrl: base });
    const res = await app.request('/api/governor/healthz', { headers: { authorization: 'Bearer good' } });
    expect(seen.at(-1)).toEqual({ path: '/healthz', authorization: undefined });
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const cp = await app.request('/api/log/checkpoint');
    expect(await cp.text()).toBe('origin\n1\nAAAA\n');
  });

  it('XP_CONSOLE_NOT_CONFIGURED without the upstream, XP_CONSOLE_UPSTREAM when it is down or answers too much', async () => {
    expect(await codeOf(await createConsoleApp().request('/api/governor/healthz'))).toBe(CONSOLE_CODES.NOT_CONFIGURED);
    expect(await codeOf(await createConsoleApp().request('/api/log/checkpoint'))).toBe(CONSOLE_CODES.NOT_CONFIGURED);
    const down = createConsoleApp({ governorUrl: 'http://127.0.0.1:1', upstreamTimeoutMs: 2000 });
    const res = await down.request('/api/governor/healthz');
    expect(res.status).toBe(502);
    expect(await codeOf(res)).toBe(CONSOLE_CODES.UPSTREAM);
    // An upstream answer over the bound: the relay reads at most maxBytes.
    const tooBig = createConsoleApp({ governorUrl: base, upstreamMaxBytes: 10 });
    expect(await codeOf(await tooBig.request('/api/governor/executions/x/bundle', { headers: { authorization: 'Bearer good' } }))).toBe(CONSOLE_CODES.UPSTREAM);
  });

  it('refuses a non-http upstream URL at construction with XP_USAGE', () => {
    for (const bad of ['file:///etc/passwd', 'not a url']) {
      try {
        createConsoleApp({ governorUrl: bad });
        expect.unreachable();
      } catch (e) {
        expect(isXprovError(e) && e.code).toBe('XP_USAGE');
      }
    }
  });
});
