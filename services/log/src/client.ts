/**
 * A verifying tlog-tiles client (the `xprov log checkpoint|inclusion|consistency` verbs).
 * Everything the server sends is untrusted: the checkpoint must carry the log's signature, and
 * proofs and roots are recomputed from the tiles here; the server's `/proof/*` conveniences are
 * never used. Failures: `XP_LOG_CHECKPOINT_SIGNATURE`, `XP_LOG_INCLUSION`, `XP_LOG_INCONSISTENT`,
 * `XP_TILE_MALFORMED`, and `XP_IO` when the log cannot be reached.
 */
import { XprovError } from '@xprov/format';
import {
  bytesEqual,
  type Checkpoint,
  consistencyProof,
  decodeEntryBundle,
  inclusionProof,
  leafHash,
  openCheckpoint,
  parseVerifierKey,
  type TileId,
  tileHashReader,
  tilePath,
  tileWidth,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '@xprov/log-core';

export interface VerifiedCheckpoint {
  text: string;
  checkpoint: Checkpoint;
}

async function get(url: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    throw new XprovError('XP_IO', `cannot fetch ${url}: ${(e as Error).message}`);
  }
  if (res.status !== 200) throw new XprovError('XP_IO', `${url} answered ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

function base(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Opens a signed checkpoint with the log's verifier key (its name is the origin). */
export function openLogCheckpoint(text: string, vkey: string): VerifiedCheckpoint {
  const v = parseVerifierKey(vkey);
  return { text, checkpoint: openCheckpoint(text, { verifiers: [v], origin: v.name }).checkpoint };
}

/** Fetches `/checkpoint` and verifies the log's signature. */
export async function fetchCheckpoint(url: string, vkey: string): Promise<VerifiedCheckpoint> {
  return openLogCheckpoint(new TextDecoder().decode(await get(`${base(url)}/checkpoint`)), vkey);
}

function tileFetcher(url: string) {
  return (tiles: TileId[]) => Promise.all(tiles.map((t) => get(`${base(url)}/${tilePath(t)}`)));
}

/** Recomputes the root of the tree of `size` from the tiles and compares it with `expected`. */
async function checkTilesMatch(url: string, size: number, expected: Uint8Array, code: string): Promise<void> {
  const root = await treeRoot(size, tileHashReader(size, tileFetcher(url)));
  if (!bytesEqual(root, expected)) throw new XprovError(code, `the tiles do not hash to the checkpoint root at size ${size}`);
}

export interface VerifiedInclusion {
  origin: string;
  index: number;
  treeSize: number;
  entry: string;
  inclusionProof: string[];
  checkpoint: string;
}

/** Fetches entry `index` and the tiles it needs, builds and verifies its inclusion proof. */
export async function verifyInclusionFromTiles(url: string, index: number, vkey: string): Promise<VerifiedInclusion> {
  const cp = await fetchCheckpoint(url, vkey);
  const size = cp.checkpoint.size;
  if (index >= size) throw new XprovError('XP_LOG_INCLUSION', `index ${index} is not below the tree size ${size}`);
  await checkTilesMatch(url, size, cp.checkpoint.rootHash, 'XP_LOG_INCLUSION');
  const n = Math.floor(index / 256);
  const width = tileWidth('entries', n, size);
  const bundle = decodeEntryBundle(await get(`${base(url)}/${tilePath({ level: 'entries', index: n, width })}`), width);
  const entry = bundle[index % 256]!;
  const proof = await inclusionProof(index, size, tileHashReader(size, tileFetcher(url)));
  verifyInclusion(leafHash(entry), index, size, proof, cp.checkpoint.rootHash);
  return {
    origin: cp.checkpoint.origin,
    index,
    treeSize: size,
    entry: b64(entry),
    inclusionProof: proof.map(b64),
    checkpoint: cp.text,
  };
}

export interface VerifiedConsistency {
  origin: string;
  from: number;
  to: number;
  fromRoot: string;
  toRoot: string;
  consistencyProof: string[];
  checkpoint: string;
}

/**
 * Proves the log's current tree extends the tree of size `from`. With `old` (a signed
 * checkpoint kept from earlier) the old root is that checkpoint's; without, it is recomputed
 * from the tiles at size `from` and printed so that the caller can compare it.
 */
export async function verifyConsistencyFromTiles(
  url: string,
  from: number,
  vkey: string,
  old?: string,
): Promise<VerifiedConsistency> {
  const cp = await fetchCheckpoint(url, vkey);
  const to = cp.checkpoint.size;
  if (from < 1 || from > to) throw new XprovError('XP_LOG_INCONSISTENT', `cannot prove ${from} → ${to}`);
  let fromRoot: Uint8Array;
  if (old !== undefined) {
    const o = openLogCheckpoint(old, vkey).checkpoint;
    if (o.size !== from) throw new XprovError('XP_USAGE', `--old holds size ${o.size}, not ${from}`);
    fromRoot = o.rootHash;
  } else {
    fromRoot = await treeRoot(from, tileHashReader(from, tileFetcher(url)));
  }
  await checkTilesMatch(url, to, cp.checkpoint.rootHash, 'XP_LOG_INCONSISTENT');
  const proof = await consistencyProof(from, to, tileHashReader(to, tileFetcher(url)));
  verifyConsistency(from, to, proof, fromRoot, cp.checkpoint.rootHash);
  return {
    origin: cp.checkpoint.origin,
    from,
    to,
    fromRoot: b64(fromRoot),
    toRoot: b64(cp.checkpoint.rootHash),
    consistencyProof: proof.map(b64),
    checkpoint: cp.text,
  };
}

function b64(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}
