/**
 * spec/governor.md §12: WAL checkpoints of the SQLite store run on a background thread. Observable
 * effect: pages reach the database file without any commit crossing SQLite's own autocheckpoint
 * threshold (which the store raises to FALLBACK_PAGES), and close() stops the thread.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteGovernorStore } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'xprov-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ~200 credentials of ~4 KiB: some hundred WAL pages, far below either autocheckpoint threshold. */
async function fill(store: SqliteGovernorStore): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await store.putCredential({ id: `urn:x:${i}`, type: 'T', digest: 'z', json: { pad: 'x'.repeat(4000) }, createdAt: 't' });
  }
}

async function sizeAfter(file: string, ms: number): Promise<number> {
  await new Promise((r) => setTimeout(r, ms));
  return statSync(file).size;
}

describe('SqliteGovernorStore background checkpoints', () => {
  it('moves committed pages into the database file without a large WAL', async () => {
    const file = join(dir, 'bg.db');
    const store = new SqliteGovernorStore(file);
    const before = statSync(file).size;
    await fill(store);
    let grown = 0;
    for (let i = 0; i < 20 && grown <= before; i++) grown = await sizeAfter(file, 100);
    expect(grown).toBeGreaterThan(before + 200 * 4000);
    await store.close();
  });

  it('with background checkpoints off, the same writes stay in the WAL until SQLite checkpoints', async () => {
    const file = join(dir, 'fg.db');
    const store = new SqliteGovernorStore(file, { backgroundCheckpoints: false });
    const before = statSync(file).size;
    await fill(store);
    expect(await sizeAfter(file, 600)).toBe(before);
    await store.close();
  });

  it('close() ends the thread and the data stays readable', async () => {
    const file = join(dir, 'close.db');
    const store = new SqliteGovernorStore(file);
    await fill(store);
    await store.close();
    const again = new SqliteGovernorStore(file);
    expect((await again.getCredential('urn:x:199'))?.digest).toBe('z');
    await again.close();
  });
});
