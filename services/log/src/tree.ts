/**
 * The service's glue to @xprov/log-core's pure integrate step and checkpoint signing.
 */
import { EMPTY_ROOT, formatCheckpoint, type Hash, integrate, type NoteKey, signNote } from '@xprov/log-core';
import type { StoredTile } from './store.js';
import { storeLevel } from './tile-reads.js';

/** Signs the checkpoint (C2SP tlog-checkpoint as a signed note) of a tree. */
export interface CheckpointSigner {
  origin: string;
  emptyRoot: Hash;
  sign(size: number, rootHash: Hash): string;
}

/**
 * New tiles and root after appending `entries` to the integrated tree of `size`.
 * `readTile` returns the widest stored version, which for the integrated tree is exactly the
 * partial tile log-core asks for (the store never holds tiles beyond the integrated size).
 */
export async function computeIntegration(
  size: number,
  entries: Uint8Array[],
  readTile: (level: number, index: number) => Promise<Uint8Array | undefined>,
): Promise<{ tiles: StoredTile[]; rootHash: Hash }> {
  const r = await integrate({
    size,
    entries,
    readTiles: (tiles) =>
      Promise.all(
        tiles.map(async (t) => {
          const data = await readTile(storeLevel(t), t.index);
          // A missing partial tile yields empty bytes, which log-core rejects as malformed.
          return data ?? new Uint8Array(0);
        }),
      ),
  });
  return { rootHash: r.rootHash, tiles: r.tiles.map((w) => ({ level: storeLevel(w.tile), index: w.tile.index, data: w.data })) };
}

/** A `CheckpointSigner` with an Ed25519 note key (C2SP tlog-checkpoint §Signatures: key name = origin). */
export function noteCheckpointSigner(key: NoteKey, origin: string): CheckpointSigner {
  return {
    origin,
    emptyRoot: EMPTY_ROOT,
    sign: (size, rootHash) => signNote(formatCheckpoint({ origin, size, rootHash }), [key.signer]),
  };
}
