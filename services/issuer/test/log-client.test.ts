/** HttpLogClient against a real log server: batching keeps one index per entry; failures are coded. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningLog, startLogServer } from '@xprov/log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpLogClient, receiptsFor } from '../src/index.js';

let dir: string;
let log: RunningLog;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xprov-logclient-'));
  log = await startLogServer({ dataDir: dir, port: 0, apiKey: 'k', batchDelayMs: 10 });
});
afterAll(async () => {
  await log.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HttpLogClient', () => {
  it('concurrent adds are batched and each gets its own index, in order within a caller', async () => {
    const c = new HttpLogClient({ url: log.url, apiKey: 'k' });
    const indexes = await Promise.all(Array.from({ length: 50 }, (_, i) => c.add(new TextEncoder().encode(`entry ${i}`))));
    expect(new Set(indexes).size).toBe(50);
    const a = await c.add(new TextEncoder().encode('first'));
    const b = await c.add(new TextEncoder().encode('second'));
    expect(b).toBeGreaterThan(a);
    const receipts = await receiptsFor(c, [{ credentialId: 'urn:x', index: b }]);
    expect(receipts[0]!.treeSize).toBeGreaterThan(b);
    expect(receipts[0]!.checkpoint.startsWith(receipts[0]!.origin)).toBe(true);
  });

  it('a wrong log key is final (no retries): XP_LOG_UNAVAILABLE', async () => {
    const c = new HttpLogClient({ url: log.url, apiKey: 'wrong', batch: false });
    await expect(c.add(new Uint8Array([1]))).rejects.toMatchObject({ code: 'XP_LOG_UNAVAILABLE' });
  });

  it('an unreachable log is retried, then XP_LOG_UNAVAILABLE; healthy() is false', async () => {
    const c = new HttpLogClient({ url: 'http://127.0.0.1:9', apiKey: 'k', attempts: 2, backoffMs: 1 });
    await expect(c.add(new Uint8Array([1]))).rejects.toMatchObject({ code: 'XP_LOG_UNAVAILABLE' });
    expect(await c.healthy()).toBe(false);
  });

  it('a log that answers garbage, too much or nothing in time is XP_LOG_UNAVAILABLE', async () => {
    let hits = 0;
    const bad: Server = createServer((req, res) => {
      hits++;
      if (req.url === '/add') res.end('not json');
      else if (req.url === '/add-batch') res.end('x'.repeat(9 * 1024 * 1024));
      // /checkpoint: never answers
    });
    await new Promise<void>((r) => bad.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(bad.address() as AddressInfo).port}`;
    try {
      await expect(new HttpLogClient({ url, apiKey: 'k', batch: false, attempts: 1 }).add(new Uint8Array([1]))).rejects.toMatchObject({ code: 'XP_LOG_UNAVAILABLE' });
      await expect(new HttpLogClient({ url, apiKey: 'k', attempts: 1 }).add(new Uint8Array([1]))).rejects.toMatchObject({ code: 'XP_LOG_UNAVAILABLE' });
      hits = 0;
      const slow = new HttpLogClient({ url, apiKey: 'k', attempts: 2, backoffMs: 1, timeoutMs: 100 });
      await expect(slow.checkpoint()).rejects.toMatchObject({ code: 'XP_LOG_UNAVAILABLE' });
      expect(hits).toBe(2);
      await slow.close();
    } finally {
      bad.closeAllConnections();
      await new Promise((r) => bad.close(r));
    }
  });

  it('reuses keep-alive connections for consecutive adds', async () => {
    let connections = 0;
    let next = 0;
    const counting: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end(JSON.stringify({ index: next++ })));
    });
    counting.on('connection', () => connections++);
    await new Promise<void>((r) => counting.listen(0, '127.0.0.1', r));
    const c = new HttpLogClient({ url: `http://127.0.0.1:${(counting.address() as AddressInfo).port}`, apiKey: 'k', batch: false });
    try {
      for (let i = 0; i < 5; i++) expect(await c.add(new Uint8Array([i + 1]))).toBe(i);
      expect(connections).toBe(1);
    } finally {
      await c.close();
      counting.closeAllConnections();
      await new Promise((r) => counting.close(r));
    }
  });
});
