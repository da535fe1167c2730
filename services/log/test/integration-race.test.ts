/**
 * Regression: "integration failed: cannot integrate …" under governor bench load. The writer
 * thread commits a sequencing transaction before the main thread learns of it (its reply is a
 * message still queued); an integrator that read those rows then asked to integrate past the
 * acknowledged size and the store refused. The store must only ever expose acknowledged rows
 * (spec/log-service.md §Integration): the event loop is held here, so the reply cannot arrive,
 * while another connection watches the writer's commit land.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteLogStore } from '../src/index.js';
import { entry, tempDir } from './helpers.js';

describe('SqliteLogStore, committed but not yet acknowledged rows', () => {
  it('are neither read for integration nor integrable; after the acknowledgement they are', async () => {
    const path = join(tempDir(), 'log.db');
    const store = new SqliteLogStore(path, { synchronous: 'NORMAL' });
    await store.sequence([entry(0)]);
    const probe = new Database(path, { readonly: true });
    const pending = probe.prepare('SELECT COUNT(*) FROM pending').pluck();
    const acked = store.sequence([entry(1), entry(2)]);
    // Block the event loop (no reply can be handled) until the writer's commit is visible.
    const deadline = Date.now() + 10_000;
    while ((pending.get() as number) < 3 && Date.now() < deadline);
    expect(pending.get()).toBe(3);
    expect(await store.readSequenced(0, 10)).toEqual([entry(0)]);
    expect((await store.state()).sequencedSize).toBe(1);
    await expect(store.integrate({ fromSize: 0, toSize: 3, tiles: [], checkpoint: 'x\n' })).rejects.toMatchObject({ code: 'XP_LOG_STORE_CONFLICT' });
    expect(await acked).toBe(1);
    expect(await store.readSequenced(0, 10)).toEqual([entry(0), entry(1), entry(2)]);
    expect((await store.state()).sequencedSize).toBe(3);
    probe.close();
    await store.close();
  });
});
