/** HttpLogClient against a real log server: batching keeps one index per entry; failures are coded. */
import { mkdtempSync, rmSync } from 'node:fs';
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
});
