/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): tile paths, hash-tile and entry-bundle
 * encodings, which tiles a tree of a given size has, a HashReader over tiles, and the pure
 * *integrate* step of a tile-backed log (Tessera / Sunlight): given the tree's current size,
 * its current partial tiles and new entries, the tiles to write and the new root.
 *
 * Paths, tile bytes and widths come from the network or from storage and are untrusted:
 * every parser checks them exactly and throws `XP_TILE_PATH_MALFORMED` / `XP_TILE_MALFORMED`.
 */
import { XprovError } from '@xprov/format';
import { concatBytes, isSafeIndex, } from './bytes.js';
import { EMPTY_ROOT, foldHashes, HASH_SIZE, type Hash, type HashReader, leafHash, type NodeId, subtreeNodeIds } from './rfc9162.js';

/** Tile height: a tile is a complete subtree of height 8 (256 hashes). */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
/** An entry in an entry bundle carries a big-endian uint16 length: at most 65535 bytes. */
export const MAX_ENTRY_SIZE = 0xffff;
/** Highest tile level the spec allows in a path. */
export const MAX_TILE_LEVEL = 63;

/**
 * A tile: `level` is a hash-tile level (0 = leaf hashes) or `'entries'` for an entry bundle;
 * `index` is N; `width` is 1..256 (256 = full tile, anything less is a partial tile `.p/<W>`).
 */
export interface TileId {
  level: number | 'entries';
  index: number;
  width: number;
}

function pathError(msg: string): never {
  throw new XprovError('XP_TILE_PATH_MALFORMED', msg);
}
function tileError(msg: string): never {
  throw new XprovError('XP_TILE_MALFORMED', msg);
}

/** 256^level as a safe number (levels above 6 exceed any tree below 2^53). */
function pow256(level: number): number {
  return 256 ** level;
}

/** N as zero-padded 3-digit path elements, all but the last prefixed `x`: 1234067 → `x001/x234/067`. */
export function formatTileIndex(n: number): string {
  if (!isSafeIndex(n)) pathError('tile index must be a non-negative integer');
  const parts: string[] = [];
  let rest = n;
  do {
    parts.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return parts.map((p, i) => (i < parts.length - 1 ? `x${p}` : p)).join('/');
}

/** Inverse of `formatTileIndex`; rejects non-canonical forms (e.g. a leading `x000`). */
export function parseTileIndex(s: string): number {
  const parts = s.split('/');
  let n = 0;
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    const m = last ? /^([0-9]{3})$/.exec(p) : /^x([0-9]{3})$/.exec(p);
    if (!m) pathError(`bad tile index element ${JSON.stringify(p)}`);
    n = n * 1000 + Number(m[1]);
  });
  if (parts.length > 1 && parts[0] === 'x000') pathError('tile index has a leading zero element');
  if (!Number.isSafeInteger(n)) pathError('tile index too large');
  return n;
}

function checkTileId(t: TileId): void {
  if (t.level !== 'entries' && !(Number.isInteger(t.level) && t.level >= 0 && t.level <= MAX_TILE_LEVEL)) {
    pathError('tile level must be 0..63 or entries');
  }
  if (!isSafeIndex(t.index)) pathError('tile index must be a non-negative integer');
  if (!(Number.isInteger(t.width) && t.width >= 1 && t.width <= TILE_WIDTH)) pathError('tile width must be 1..256');
}

/** `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]` (no leading slash). */
export function tilePath(t: TileId): string {
  checkTileId(t);
  const suffix = t.width === TILE_WIDTH ? '' : `.p/${t.width}`;
  return `tile/${t.level}/${formatTileIndex(t.index)}${suffix}`;
}

/** Parses a tile path (with or without a leading `/`). */
export function parseTilePath(path: string): TileId {
  const p = path.startsWith('/') ? path.slice(1) : path;
  const m = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(p);
  if (!m) pathError(`not a tile path: ${JSON.stringify(path.slice(0, 200))}`);
  const level = m[1] === 'entries' ? 'entries' : Number(m[1]);
  if (level !== 'entries' && level > MAX_TILE_LEVEL) pathError('tile level above 63');
  const index = parseTileIndex(m[2]!);
  const width = m[3] === undefined ? TILE_WIDTH : Number(m[3]);
  if (m[3] !== undefined && width >= TILE_WIDTH) pathError('partial tile width must be 1..255');
  return { level, index, width };
}

/** A hash tile: the concatenated 32-byte hashes. */
export function encodeHashTile(hashes: Hash[]): Uint8Array {
  if (hashes.length < 1 || hashes.length > TILE_WIDTH) tileError('a hash tile holds 1..256 hashes');
  for (const h of hashes) if (h.length !== HASH_SIZE) tileError('tile hash is not 32 bytes');
  return concatBytes(...hashes);
}

/** Splits a hash tile; if `width` is given the tile must hold exactly that many hashes. */
export function decodeHashTile(data: Uint8Array, width?: number): Hash[] {
  if (data.length === 0 || data.length % HASH_SIZE !== 0 || data.length > TILE_WIDTH * HASH_SIZE) {
    tileError(`hash tile of ${data.length} bytes`);
  }
  const n = data.length / HASH_SIZE;
  if (width !== undefined && n !== width) tileError(`hash tile has ${n} hashes, expected ${width}`);
  const out: Hash[] = [];
  for (let i = 0; i < n; i++) out.push(data.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  return out;
}

/** An entry bundle: each entry as big-endian uint16 length ‖ bytes. */
export function encodeEntryBundle(entries: Uint8Array[]): Uint8Array {
  if (entries.length < 1 || entries.length > TILE_WIDTH) tileError('an entry bundle holds 1..256 entries');
  let n = 0;
  for (const e of entries) {
    if (e.length > MAX_ENTRY_SIZE) throw new XprovError('XP_ENTRY_TOO_LARGE', `entry of ${e.length} bytes > 65535`);
    n += 2 + e.length;
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const e of entries) {
    out[o] = e.length >> 8;
    out[o + 1] = e.length & 0xff;
    out.set(e, o + 2);
    o += 2 + e.length;
  }
  return out;
}

/** Parses an entry bundle; if `width` is given it must hold exactly that many entries. */
export function decodeEntryBundle(data: Uint8Array, width?: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let o = 0;
  while (o < data.length) {
    if (o + 2 > data.length) tileError('truncated entry length');
    const len = (data[o]! << 8) | data[o + 1]!;
    if (o + 2 + len > data.length) tileError('truncated entry');
    out.push(data.slice(o + 2, o + 2 + len));
    o += 2 + len;
    if (out.length > TILE_WIDTH) tileError('entry bundle holds more than 256 entries');
  }
  if (out.length === 0) tileError('empty entry bundle');
  if (width !== undefined && out.length !== width) tileError(`entry bundle has ${out.length} entries, expected ${width}`);
  return out;
}

/**
 * Width of tile N at hash level L in a tree of `size` (0 if the tile does not exist).
 * Entry bundles have the widths of level 0.
 */
export function tileWidth(level: number | 'entries', index: number, size: number): number {
  const l = level === 'entries' ? 0 : level;
  const count = Math.floor(size / pow256(l));
  return Math.max(0, Math.min(TILE_WIDTH, count - index * TILE_WIDTH));
}

/** The rightmost partial tiles of a tree of `size`, hash levels first (bottom up), then the entry bundle. */
export function partialTiles(size: number): TileId[] {
  if (!isSafeIndex(size)) tileError('size must be a non-negative integer');
  const out: TileId[] = [];
  for (let l = 0; Math.floor(size / pow256(l)) > 0; l++) {
    const count = Math.floor(size / pow256(l));
    if (count % TILE_WIDTH > 0) out.push({ level: l, index: Math.floor(count / TILE_WIDTH), width: count % TILE_WIDTH });
  }
  if (size % TILE_WIDTH > 0) out.push({ level: 'entries', index: Math.floor(size / TILE_WIDTH), width: size % TILE_WIDTH });
  return out;
}

/** Every tile (full and partial) of a tree of `size`: hash tiles by level, then entry bundles. */
export function tilesForTreeSize(size: number): TileId[] {
  if (!isSafeIndex(size)) tileError('size must be a non-negative integer');
  const out: TileId[] = [];
  const levelTiles = (level: number | 'entries', count: number): void => {
    for (let n = 0; n * TILE_WIDTH < count; n++) {
      out.push({ level, index: n, width: Math.min(TILE_WIDTH, count - n * TILE_WIDTH) });
    }
  };
  for (let l = 0; Math.floor(size / pow256(l)) > 0; l++) levelTiles(l, Math.floor(size / pow256(l)));
  levelTiles('entries', size);
  return out;
}

/** Reads raw tile bytes, one per requested tile, in order. */
export type TileReader = (tiles: TileId[]) => Uint8Array[] | Promise<Uint8Array[]>;

/** Where the stored hashes of a complete subtree live: tile level, tile index, offset, count. */
export function nodeTileRange(id: NodeId): { tile: { level: number; index: number }; offset: number; count: number } {
  const t = Math.floor(id.level / TILE_HEIGHT);
  const s = id.level - t * TILE_HEIGHT;
  const count = 2 ** s;
  const start = id.index * count; // index among level-8t hashes
  return { tile: { level: t, index: Math.floor(start / TILE_WIDTH) }, offset: start % TILE_WIDTH, count };
}

/**
 * A HashReader for a tree of `size` backed by its tiles (as served by tlog-tiles): each node is
 * recomputed from the hashes of the tile holding it. Tiles are read once per call, with the
 * width this tree size implies, and checked to have exactly that width.
 */
export function tileHashReader(size: number, readTiles: TileReader): HashReader {
  return async (ids: NodeId[]) => {
    const ranges = ids.map((id) => {
      const r = nodeTileRange(id);
      const width = tileWidth(r.tile.level, r.tile.index, size);
      if (r.offset + r.count > width) {
        throw new XprovError('XP_LOG_PROOF_PLAN', `node ${id.level}/${id.index} is not complete in a tree of ${size}`);
      }
      return { ...r, width };
    });
    const keys = new Map<string, TileId>();
    for (const r of ranges) keys.set(`${r.tile.level}/${r.tile.index}`, { ...r.tile, width: r.width });
    const wanted = [...keys.values()];
    const raw = await readTiles(wanted);
    if (raw.length !== wanted.length) tileError('tile reader returned the wrong number of tiles');
    const tiles = new Map<string, Hash[]>();
    wanted.forEach((t, i) => {
      tiles.set(`${t.level}/${t.index}`, decodeHashTile(raw[i]!, t.width));
    });
    return ranges.map((r) => {
      const hashes = tiles.get(`${r.tile.level}/${r.tile.index}`)!.slice(r.offset, r.offset + r.count);
      return completeSubtreeHash(hashes);
    });
  };
}

/** MTH of a power-of-two number of hashes. */
function completeSubtreeHash(hashes: Hash[]): Hash {
  let row = hashes;
  while (row.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < row.length; i += 2) next.push(foldHashes([row[i]!, row[i + 1]!]));
    row = next;
  }
  return row[0]!;
}

/** A tile to write: its id, its path, and its bytes. */
export interface TileWrite {
  tile: TileId;
  path: string;
  data: Uint8Array;
}

export interface IntegrateInput {
  /** Size of the tree already integrated (and its tiles already stored). */
  size: number;
  /** New entries, in sequence order: they get indexes size, size+1, … */
  entries: Uint8Array[];
  /**
   * Reads tiles of the current tree; called at most once, with exactly `partialTiles(size)`
   * (the rightmost partial hash tiles and the partial entry bundle, if any).
   */
  readTiles: TileReader;
}

export interface IntegrateResult {
  /** The new tree size. */
  size: number;
  /** MTH of the new tree. */
  rootHash: Hash;
  /** Leaf hashes of the new entries, in order. */
  leafHashes: Hash[];
  /**
   * Tiles to store: new full tiles and the new partial tiles, hash levels bottom up, then
   * entry bundles. Write them all (atomically with the checkpoint) before publishing it.
   */
  tiles: TileWrite[];
}

/**
 * The integrate step of a tile-backed log: appends `entries` to the tree of `size` without
 * touching anything already committed. Pure: reads only through `readTiles`, writes nothing.
 * Idempotent: the same (size, entries, stored tiles) always gives the same tiles and root, so
 * a crash between computing and storing is repaired by running it again.
 */
export async function integrate(input: IntegrateInput): Promise<IntegrateResult> {
  const { size: old, entries } = input;
  if (!isSafeIndex(old)) tileError('size must be a non-negative integer');
  for (const e of entries) {
    if (!(e instanceof Uint8Array)) tileError('entries must be byte arrays');
    if (e.length > MAX_ENTRY_SIZE) throw new XprovError('XP_ENTRY_TOO_LARGE', `entry of ${e.length} bytes > 65535`);
  }
  const size = old + entries.length;
  if (!Number.isSafeInteger(size)) tileError('tree size overflow');

  // Current partial tiles (hash levels and entry bundle).
  const toRead = partialTiles(old);
  const raw = toRead.length === 0 ? [] : await input.readTiles(toRead);
  if (raw.length !== toRead.length) tileError('tile reader returned the wrong number of tiles');
  const oldHashPartial = new Map<number, Hash[]>();
  let oldEntryPartial: Uint8Array[] = [];
  toRead.forEach((t, i) => {
    if (t.level === 'entries') oldEntryPartial = decodeEntryBundle(raw[i]!, t.width);
    else oldHashPartial.set(t.level, decodeHashTile(raw[i]!, t.width));
  });

  const writes: TileWrite[] = [];
  const emit = (tile: TileId, data: Uint8Array): void => {
    writes.push({ tile, path: tilePath(tile), data });
  };
  // The rightmost partial tile's hashes at each level of the new tree (for the root).
  const newPartial = new Map<number, { index: number; hashes: Hash[] }>();

  const leafHashes = entries.map(leafHash);
  let incoming: Hash[] = leafHashes;
  for (let l = 0; Math.floor(size / pow256(l)) > 0; l++) {
    const oldCount = Math.floor(old / pow256(l));
    const newCount = Math.floor(size / pow256(l));
    const firstTile = Math.floor(oldCount / TILE_WIDTH);
    const buffer = [...(oldHashPartial.get(l) ?? []), ...incoming];
    if (buffer.length !== newCount - firstTile * TILE_WIDTH) tileError('integration arithmetic mismatch');
    const completed: Hash[] = [];
    for (let o = 0; o < buffer.length; o += TILE_WIDTH) {
      const chunk = buffer.slice(o, o + TILE_WIDTH);
      const tile: TileId = { level: l, index: firstTile + o / TILE_WIDTH, width: chunk.length };
      if (chunk.length === TILE_WIDTH) completed.push(completeSubtreeHash(chunk));
      else newPartial.set(l, { index: tile.index, hashes: chunk });
      if (newCount !== oldCount) emit(tile, encodeHashTile(chunk));
    }
    incoming = completed;
  }
  if (entries.length > 0) {
    const buffer = [...oldEntryPartial, ...entries];
    const firstTile = Math.floor(old / TILE_WIDTH);
    for (let o = 0; o < buffer.length; o += TILE_WIDTH) {
      const chunk = buffer.slice(o, o + TILE_WIDTH);
      emit({ level: 'entries', index: firstTile + o / TILE_WIDTH, width: chunk.length }, encodeEntryBundle(chunk));
    }
  }

  // Root: every node of the root decomposition lies in the rightmost partial tile of its level.
  let rootHash: Hash;
  const ids = subtreeNodeIds(0, size);
  if (ids.length === 0) rootHash = EMPTY_ROOT;
  else {
    const hashes = ids.map((id) => {
      const r = nodeTileRange(id);
      const p = newPartial.get(r.tile.level);
      if (!p || p.index !== r.tile.index || r.offset + r.count > p.hashes.length) {
        tileError('integration root arithmetic mismatch');
      }
      return completeSubtreeHash(p.hashes.slice(r.offset, r.offset + r.count));
    });
    rootHash = foldHashes(hashes);
  }
  return { size, rootHash, leafHashes, tiles: writes };
}


/**
 * A stored tile of width W also serves every narrower partial tile `.p/<w>` (w < W) of the
 * same level and index: hash tiles and entry bundles are append-only, so the narrower tile is
 * a prefix. Lets a log keep only its widest partial tile and still serve the partial tiles of
 * every checkpoint it published (tlog-tiles requires that).
 */
export function truncateTile(tile: TileId, data: Uint8Array, width: number): Uint8Array {
  if (!(Number.isInteger(width) && width >= 1 && width <= tile.width)) tileError('cannot widen a tile');
  if (tile.level === 'entries') return encodeEntryBundle(decodeEntryBundle(data, tile.width).slice(0, width));
  return encodeHashTile(decodeHashTile(data, tile.width).slice(0, width));
}
