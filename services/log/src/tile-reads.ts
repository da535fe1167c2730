/**
 * Tile reads from the store (C2SP tlog-tiles §Merkle Tree, §Partial Tiles).
 *
 * The store keeps only the widest version of each tile. A full tile is served as is; a partial
 * tile `.p/W` is the first W hashes (or entries) of the stored version, which is exactly what
 * was served when the tree had that width: the tree is append-only. Widths beyond the tree and
 * tiles past its right edge are 404.
 */
import { XprovError } from '@xprov/format';
import { HASH_SIZE, type HashReader, type TileId, tileHashReader, tileWidth } from '@xprov/log-core';
import type { LogStore } from './store.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Partial tiles never change either, but a log MAY delete them once the full tile exists. */
const PARTIAL = 'public, max-age=60';

export function tileReadHeaders(full: boolean): Record<string, string> {
  return { 'content-type': 'application/octet-stream', 'cache-control': full ? IMMUTABLE : PARTIAL };
}

/** Store level of a tile: hash levels as is, entry bundles as -1. */
export function storeLevel(t: TileId): number {
  return t.level === 'entries' ? -1 : t.level;
}

/**
 * Reads tile `t` as it is in the tree of `size`: 404 (`XP_NOT_FOUND`) if that tree has no such
 * tile or the tile is narrower than asked. The stored version may be wider (and may grow while
 * we read: integration runs concurrently), so the prefix is cut by the asked width alone.
 */
export async function readTileAt(store: LogStore, t: TileId, size: number): Promise<Uint8Array> {
  const have = tileWidth(t.level, t.index, size);
  if (have === 0 || t.width > have) throw new XprovError('XP_NOT_FOUND', 'no such tile in this tree');
  const data = await store.readTile(storeLevel(t), t.index);
  if (data === undefined) throw new XprovError('XP_NOT_FOUND', 'tile not stored');
  const cut = t.level === 'entries' ? bundlePrefixLength(data, t.width) : t.width * HASH_SIZE;
  if (cut > data.length) throw new XprovError('XP_LOG_STORE', 'stored tile is shorter than the tree says');
  return data.subarray(0, cut);
}

/** Bytes taken by the first `width` entries of an entry bundle (uint16 length-prefixed). */
function bundlePrefixLength(bundle: Uint8Array, width: number): number {
  let off = 0;
  for (let i = 0; i < width; i++) {
    if (off + 2 > bundle.length) return Number.POSITIVE_INFINITY;
    off += 2 + ((bundle[off]! << 8) | bundle[off + 1]!);
  }
  return off;
}

/** A log-core HashReader over the stored tiles for the tree of `size`. */
export function storeHashReader(store: LogStore, size: number): HashReader {
  return tileHashReader(size, (tiles) => Promise.all(tiles.map((t) => readTileAt(store, t, size))));
}
