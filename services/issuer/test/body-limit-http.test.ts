/**
 * Body limits over a real socket (@hono/node-server): a declared Content-Length over 1 MiB is
 * refused on the header, a chunked body is counted while it streams, and a body within the limit
 * is read straight from the socket. Every refusal is 413 XP_BODY_TOO_LARGE and changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningIssuer, startIssuerServer } from '../src/index.js';

let dir: string;
let gov: RunningIssuer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xprov-bodylimit-'));
  gov = await startIssuerServer({ dataDir: dir, port: 0, log: { add: async () => 0, checkpoint: async () => '', inclusionProof: async () => [], healthy: async () => true } });
});
afterAll(async () => {
  await gov.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Posts `body` part by part; stops writing once the server has answered (it may refuse early). */
function post(path: string, body: string[], headers: Record<string, string>): Promise<{ status: number; body: { error?: { code: string }; id?: string } }> {
  return new Promise((resolve, reject) => {
    const u = new URL(gov.url);
    let answered = false;
    const req = request({ host: u.hostname, port: u.port, path, method: 'POST', headers: { authorization: `Bearer ${gov.adminApiKey}`, 'content-type': 'application/json', ...headers } }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    void (async () => {
      for (const part of body) {
        if (answered) return;
        if (!req.write(part)) await new Promise((r) => req.once('drain', r));
        await new Promise((r) => setTimeout(r, 5));
      }
      if (!answered) req.end();
    })().catch(() => {});
  });
}

describe('body limits over HTTP', () => {
  it('a body within the limit, with Content-Length, is read and acted on', async () => {
    const body = JSON.stringify({ role: 'auditor' });
    const r = await post('/api-keys', [body], { 'content-length': String(Buffer.byteLength(body)) });
    expect(r.status).toBe(201);
    expect(typeof r.body.id).toBe('string');
  });

  it('a declared Content-Length over 1 MiB is 413 XP_BODY_TOO_LARGE', async () => {
    const body = JSON.stringify({ role: 'auditor', pad: 'x'.repeat(1024 * 1024) });
    const r = await post('/api-keys', [body], { 'content-length': String(Buffer.byteLength(body)) });
    expect(r.status).toBe(413);
    expect(r.body.error?.code).toBe('XP_BODY_TOO_LARGE');
  });

  it('a chunked body that grows past 1 MiB is 413 XP_BODY_TOO_LARGE; a small chunked body is read', async () => {
    const big = await post('/api-keys', ['{"role":"auditor","pad":"', ...Array.from({ length: 5 }, () => 'x'.repeat(256 * 1024)), '"}'], { 'transfer-encoding': 'chunked' });
    expect(big.status).toBe(413);
    expect(big.body.error?.code).toBe('XP_BODY_TOO_LARGE');
    const small = await post('/api-keys', ['{"role":', '"auditor"}'], { 'transfer-encoding': 'chunked' });
    expect(small.status).toBe(201);
  });

  it('a wrong key is refused before any body limit or read: 401', async () => {
    const u = new URL(gov.url);
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: u.hostname, port: u.port, path: '/api-keys', method: 'POST', headers: { authorization: 'Bearer nope', 'content-length': '5000000' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
      req.end();
    });
    expect(status).toBe(401);
  });
});
