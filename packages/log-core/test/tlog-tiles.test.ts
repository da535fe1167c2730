import { describe, expect, it } from 'vitest';
import {
  decodeEntryBundle,
  decodeHashTile,
  encodeEntryBundle,
  encodeHashTile,
  formatTileIndex,
  inclusionProof,
  integrate,
  MemoryTree,
  parseTileIndex,
  parseTilePath,
  partialTiles,
  type TileId,
  tileHashReader,
  tilePath,
  tilesForTreeSize,
  truncateTile,
  consistencyProof,
  treeRoot,
} from '../src/index.js';
import { enc, expectCode, expectCodeAsync, toHex } from './helpers.js';

/** A tile store as a log keeps it: path → bytes. */
class Store {
  tiles = new Map<string, Uint8Array>();
  size = 0;
  read = (ids: TileId[]): Uint8Array[] =>
    ids.map((t) => {
      const d = this.tiles.get(tilePath(t));
      if (!d) throw new Error(`missing ${tilePath(t)}`);
      return d;
    });
  async add(entries: Uint8Array[]) {
    const r = await integrate({ size: this.size, entries, readTiles: this.read });
    for (const w of r.tiles) this.tiles.set(w.path, w.data);
    this.size = r.size;
    return r;
  }
}

describe('tile paths (C2SP tlog-tiles)', () => {
  it('encodes N as 3-digit elements as in the spec example', () => {
    expect(formatTileIndex(1234067)).toBe('x001/x234/067');
    expect(formatTileIndex(0)).toBe('000');
    expect(formatTileIndex(999)).toBe('999');
    expect(formatTileIndex(1000)).toBe('x001/000');
    expect(parseTileIndex('x001/x234/067')).toBe(1234067);
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 2, index: 0, width: 1 })).toBe('tile/2/000.p/1');
    expect(tilePath({ level: 'entries', index: 273, width: 112 })).toBe('tile/entries/273.p/112');
    expect(parseTilePath('/tile/entries/x001/x234/067.p/255')).toEqual({ level: 'entries', index: 1234067, width: 255 });
    expect(parseTilePath('tile/63/000')).toEqual({ level: 63, index: 0, width: 256 });
  });
  it('rejects malformed paths', () => {
    for (const p of [
      'tile/64/000', 'tile/01/000', 'tile/0/00', 'tile/0/0000', 'tile/0/x000/001', 'tile/0/001/x002',
      'tile/0/000.p/0', 'tile/0/000.p/256', 'tile/0/000.p/010', 'tile/0/000.p/', 'tile/x/000', 'tile/0/000/',
      'tiles/0/000', 'tile/0/abc', 'tile/entries/000.p/-1',
    ]) expectCode(() => parseTilePath(p), 'XP_TILE_PATH_MALFORMED');
    expectCode(() => tilePath({ level: 0, index: 0, width: 0 }), 'XP_TILE_PATH_MALFORMED');
    expectCode(() => tilePath({ level: 64, index: 0, width: 1 }), 'XP_TILE_PATH_MALFORMED');
    expectCode(() => formatTileIndex(-1), 'XP_TILE_PATH_MALFORMED');
  });
  it('lists the tiles of the spec example tree of 70,000 entries', () => {
    const tiles = tilesForTreeSize(70000).filter((t) => t.level !== 'entries');
    const l0 = tiles.filter((t) => t.level === 0);
    expect(l0.filter((t) => t.width === 256)).toHaveLength(273);
    expect(l0.at(-1)).toEqual({ level: 0, index: 273, width: 112 });
    expect(tiles.filter((t) => t.level === 1)).toEqual([
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
    ]);
    expect(tiles.filter((t) => t.level === 2)).toEqual([{ level: 2, index: 0, width: 1 }]);
    expect(partialTiles(256)).toEqual([{ level: 1, index: 0, width: 1 }]);
    expect(partialTiles(0)).toEqual([]);
  });
});

describe('tile encodings', () => {
  it('hash tiles are concatenated hashes', () => {
    const hs = [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)];
    const d = encodeHashTile(hs);
    expect(d.length).toBe(64);
    expect(decodeHashTile(d, 2)).toEqual(hs);
    expectCode(() => decodeHashTile(d, 3), 'XP_TILE_MALFORMED');
    expectCode(() => decodeHashTile(d.slice(1)), 'XP_TILE_MALFORMED');
    expectCode(() => decodeHashTile(new Uint8Array(0)), 'XP_TILE_MALFORMED');
    expectCode(() => decodeHashTile(new Uint8Array(257 * 32)), 'XP_TILE_MALFORMED');
    expectCode(() => encodeHashTile([new Uint8Array(31)]), 'XP_TILE_MALFORMED');
  });
  it('entry bundles are uint16 big-endian length-prefixed', () => {
    const d = encodeEntryBundle([enc('ab'), new Uint8Array(0), new Uint8Array(300)]);
    expect(Array.from(d.slice(0, 6))).toEqual([0, 2, 97, 98, 0, 0]);
    expect(Array.from(d.slice(6, 8))).toEqual([1, 44]);
    expect(decodeEntryBundle(d, 3).map((e) => e.length)).toEqual([2, 0, 300]);
    expectCode(() => decodeEntryBundle(d.slice(0, d.length - 1)), 'XP_TILE_MALFORMED');
    expectCode(() => decodeEntryBundle(new Uint8Array([0])), 'XP_TILE_MALFORMED');
    expectCode(() => decodeEntryBundle(d, 2), 'XP_TILE_MALFORMED');
    expectCode(() => decodeEntryBundle(new Uint8Array(0)), 'XP_TILE_MALFORMED');
    expectCode(() => encodeEntryBundle([new Uint8Array(65536)]), 'XP_ENTRY_TOO_LARGE');
  });
  it('a wider partial tile serves every narrower one by truncation', () => {
    const tile = { level: 'entries' as const, index: 0, width: 3 };
    const d = encodeEntryBundle([enc('a'), enc('b'), enc('c')]);
    expect(truncateTile(tile, d, 2)).toEqual(encodeEntryBundle([enc('a'), enc('b')]));
    expectCode(() => truncateTile(tile, d, 4), 'XP_TILE_MALFORMED');
  });
});

describe('integrate', () => {
  it('builds the same tree as MemoryTree across tile boundaries, in uneven batches', async () => {
    const store = new Store();
    const mem = new MemoryTree();
    const batches = [1, 254, 1, 1, 300, 0, 255, 65536 - 812, 1, 513];
    let i = 0;
    for (const b of batches) {
      const entries = Array.from({ length: b }, () => enc(`e${i++}`));
      for (const e of entries) mem.append(e);
      const r = await store.add(entries);
      expect(r.size).toBe(mem.size);
      expect(toHex(r.rootHash)).toBe(toHex(mem.root()));
      // Every tile of this size is stored with the right width; hashes are what MemoryTree has.
      for (const t of tilesForTreeSize(r.size)) expect(store.tiles.has(tilePath(t)), tilePath(t)).toBe(true);
    }
    const size = store.size;
    const level0 = decodeHashTile(store.tiles.get('tile/0/000')!, 256);
    expect(toHex(level0[7]!)).toBe(toHex(mem.leafHash(7)));
    const l1 = decodeHashTile(store.tiles.get('tile/1/000')!, 256);
    expect(toHex(l1[3]!)).toBe(toHex(mem.readHashes([{ level: 8, index: 3 }])[0]!));
    expect(decodeEntryBundle(store.tiles.get('tile/entries/001')!, 256)[0]).toEqual(enc('e256'));
    // Proofs from tiles equal MemoryTree's.
    const read = tileHashReader(size, store.read);
    expect(toHex(await treeRoot(size, read))).toBe(toHex(mem.root()));
    for (const idx of [0, 255, 256, 65535, 65536, size - 1]) {
      expect((await inclusionProof(idx, size, read)).map(toHex)).toEqual(mem.inclusionProof(idx).map(toHex));
    }
    for (const m of [1, 256, 257, 65536, size - 1]) {
      expect((await consistencyProof(m, size, read)).map(toHex)).toEqual(mem.consistencyProof(m).map(toHex));
    }
    // An older tree size is served from the same tiles (truncated partials where needed).
    const old = 300;
    const oldRead = tileHashReader(old, (ids) =>
      ids.map((t) => {
        const full = store.tiles.get(tilePath({ ...t, width: 256 }));
        return full ? truncateTile({ ...t, width: 256 }, full, t.width) : store.read([t])[0]!;
      }),
    );
    expect(toHex(await treeRoot(old, oldRead))).toBe(toHex(mem.root(old)));
  });

  it('is idempotent: integrating the same batch twice from the same state gives the same tiles', async () => {
    const store = new Store();
    await store.add([enc('a'), enc('b'), enc('c')]);
    const args = { size: store.size, entries: [enc('d'), enc('e')], readTiles: store.read };
    const a = await integrate(args);
    const b = await integrate(args);
    expect(a.tiles).toEqual(b.tiles);
    expect(a.tiles.map((t) => t.path)).toEqual(['tile/0/000.p/5', 'tile/entries/000.p/5']);
  });

  it('an empty batch returns the current root and writes nothing', async () => {
    const store = new Store();
    await store.add([enc('a'), enc('b')]);
    const r = await integrate({ size: 2, entries: [], readTiles: store.read });
    expect(r.tiles).toEqual([]);
    expect(r.size).toBe(2);
    const empty = await integrate({ size: 0, entries: [], readTiles: () => [] });
    expect(toHex(empty.rootHash)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('refuses oversize entries, bad sizes and inconsistent stored tiles', async () => {
    await expectCodeAsync(() => integrate({ size: 0, entries: [new Uint8Array(65536)], readTiles: () => [] }), 'XP_ENTRY_TOO_LARGE');
    await expectCodeAsync(() => integrate({ size: -1, entries: [], readTiles: () => [] }), 'XP_TILE_MALFORMED');
    const store = new Store();
    await store.add([enc('a'), enc('b'), enc('c')]);
    // A stored partial tile of the wrong width is detected, not silently extended.
    await expectCodeAsync(
      () => integrate({ size: 4, entries: [enc('x')], readTiles: (ids) => ids.map((t) => store.read([{ ...t, width: 3 }])[0]!) }),
      'XP_TILE_MALFORMED',
    );
    await expectCodeAsync(() => integrate({ size: 3, entries: [enc('x')], readTiles: () => [] }), 'XP_TILE_MALFORMED');
  });

  it('tileHashReader refuses nodes that are not complete at that size', async () => {
    const store = new Store();
    await store.add([enc('a'), enc('b'), enc('c')]);
    await expectCodeAsync(async () => tileHashReader(3, store.read)([{ level: 2, index: 0 }]), 'XP_LOG_PROOF_PLAN');
  });
});
