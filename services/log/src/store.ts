/**
 * The narrow storage interface of the log service (spec/log-service.md §Storage).
 *
 * Sequencing and integration are separate, as in Tessera and Sunlight: `sequence` makes an
 * entry's index durable (the moment `POST /add` answers), `integrate` later moves a run of
 * sequenced entries into tiles and a new checkpoint in one atomic step. A PostgreSQL backend
 * implements the same interface; every method is async for that reason.
 */

/** A hash tile (`level >= 0`) or an entry bundle (`level === -1`) as stored: its widest version. */
export interface StoredTile {
  level: number;
  index: number;
  data: Uint8Array;
}

export interface IntegrationCommit {
  /** The integrated size the commit starts from; the store refuses the commit if it moved (CAS). */
  fromSize: number;
  toSize: number;
  /** New or widened hash tiles and entry bundles (`level -1`). */
  tiles: StoredTile[];
  /** The log-signed checkpoint for `toSize`. */
  checkpoint: string;
}

export interface StoreState {
  /** Entries with an index below this are durably sequenced. */
  sequencedSize: number;
  /** Entries with an index below this are in tiles and under `checkpoint`. */
  integratedSize: number;
}

export interface LogStore {
  /** Durably appends entries in order and returns the index of the first. */
  sequence(entries: Uint8Array[]): Promise<number>;
  state(): Promise<StoreState>;
  /** Sequenced, not yet integrated entries starting at `from` (at most `limit`). */
  readSequenced(from: number, limit: number): Promise<Uint8Array[]>;
  /** Writes tiles, the checkpoint and the new size atomically, and drops the integrated rows. */
  integrate(commit: IntegrationCommit): Promise<void>;
  /** The widest stored version of a tile (`level -1` for entry bundles), if any. */
  readTile(level: number, index: number): Promise<Uint8Array | undefined>;
  /** The log-signed checkpoint of the integrated tree. */
  readCheckpoint(): Promise<string | undefined>;
  /** The published checkpoint (with witness cosignatures, when configured). */
  readPublished(): Promise<string | undefined>;
  writePublished(checkpoint: string): Promise<void>;
  close(): Promise<void>;
}
