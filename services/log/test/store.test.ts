import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteLogStore } from '../src/index.js';
import { entry, tempDir } from './helpers.js';

describe('SqliteLogStore', () => {
  it('sequences durably, integrates with compare-and-swap, and resumes after reopening', async () => {
    const path = join(tempDir(), 'log.db');
    const a = new SqliteLogStore(path, { synchronous: 'FULL' });
    expect(await a.sequence([entry(0), entry(1)])).toBe(0);
    expect(await a.sequence([entry(2)])).toBe(2);
    expect(await a.readSequenced(1, 10)).toEqual([entry(1), entry(2)]);
    const tile = { level: 0, index: 0, data: new Uint8Array(64).fill(1) };
    await expect(a.integrate({ fromSize: 1, toSize: 2, tiles: [tile], checkpoint: 'x\n' })).rejects.toMatchObject({
      code: 'XP_LOG_STORE_CONFLICT',
    });
    await expect(a.integrate({ fromSize: 0, toSize: 4, tiles: [tile], checkpoint: 'x\n' })).rejects.toMatchObject({
      code: 'XP_LOG_STORE_CONFLICT',
    });
    expect(await a.readTile(0, 0)).toBeUndefined();
    await a.integrate({ fromSize: 0, toSize: 2, tiles: [tile], checkpoint: 'cp\n' });
    expect(await a.state()).toEqual({ sequencedSize: 3, integratedSize: 2 });
    // Integrated rows left the pending table: only entry 2 is still there.
    expect(await a.readSequenced(0, 10)).toEqual([entry(2)]);
    await a.close();

    const b = new SqliteLogStore(path);
    expect(await b.state()).toEqual({ sequencedSize: 3, integratedSize: 2 });
    expect(await b.readSequenced(2, 10)).toEqual([entry(2)]);
    expect(await b.readTile(0, 0)).toEqual(tile.data);
    expect(await b.readCheckpoint()).toBe('cp\n');
    expect(await b.sequence([entry(3)])).toBe(3);
    await b.close();
  });
});
