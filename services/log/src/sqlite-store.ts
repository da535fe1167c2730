/**
 * SQLite implementation of `LogStore` (better-sqlite3, WAL).
 *
 * Durability (spec/log-service.md §Durability): `journal_mode=WAL` with `synchronous=FULL`
 * fsyncs the WAL at every commit, so an index acknowledged by `POST /add` survives a process
 * crash *and* a power loss. Commits run on a writer thread (sqlite-writer.ts) so the event loop
 * keeps parsing requests during the fsync; the sequencer group-commits whatever arrived
 * meanwhile, so one fsync covers many entries. Reads use this thread's own connection (WAL
 * readers never block the writer).
 *
 * Layout, chosen for bytes on disk per entry (≤ 64 beyond the entry at 1M entries):
 *  - `pending(idx, entry)`: sequenced, not yet integrated; deleted once integrated;
 *  - `tiles(id = index*64 + level, data)`: hash tiles, one row per tile holding its widest
 *    version (a partial tile of width W is a prefix of every later version);
 *  - `bundles(idx, data)`: entry bundles, likewise; each entry is stored once, in its bundle;
 *  - `meta(key, value)`: integrated size, checkpoint, published checkpoint, origin.
 */
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { XprovError } from '@xprov/format';
import { SqliteWriter } from './sqlite-writer.js';
import type { IntegrationCommit, LogStore, StoreState } from './store.js';

export interface SqliteStoreOptions {
  /** `FULL` (default) survives power loss; `NORMAL` survives a process crash only. */
  synchronous?: 'FULL' | 'NORMAL';
}

const MAX_LEVEL = 63;

export class SqliteLogStore implements LogStore {
  readonly #db: Database.Database;
  #next: number;
  #size: number;
  readonly #selectPending: Database.Statement;
  readonly #selectTile: Database.Statement;
  readonly #selectBundle: Database.Statement;
  readonly #getMeta: Database.Statement;
  readonly #writer: SqliteWriter;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    const db = new Database(path);
    this.#db = db;
    // auto_vacuum must precede the first table; it lets the file shrink after pending rows go.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 10000');
    db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS pending (idx INTEGER PRIMARY KEY, entry BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS tiles (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS bundles (idx INTEGER PRIMARY KEY, data BLOB NOT NULL);
    `);
    this.#selectPending = db.prepare('SELECT entry FROM pending WHERE idx >= ? ORDER BY idx LIMIT ?').pluck();
    this.#selectTile = db.prepare('SELECT data FROM tiles WHERE id = ?').pluck();
    this.#selectBundle = db.prepare('SELECT data FROM bundles WHERE idx = ?').pluck();
    this.#getMeta = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    this.#size = Number(this.#getMeta.get('size') ?? 0);
    const maxPending = db.prepare('SELECT MAX(idx) FROM pending').pluck().get() as number | null;
    this.#next = Math.max(this.#size, maxPending === null ? 0 : maxPending + 1);

    const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#writer = new SqliteWriter(path, options.synchronous ?? 'FULL', sqlitePath);
  }

  async sequence(entries: Uint8Array[]): Promise<number> {
    const first = this.#next;
    await this.#writer.sequence(first, entries);
    this.#next = first + entries.length;
    return first;
  }

  async state(): Promise<StoreState> {
    return { sequencedSize: this.#next, integratedSize: this.#size };
  }

  async readSequenced(from: number, limit: number): Promise<Uint8Array[]> {
    // Only acknowledged rows: the writer thread may have committed rows whose reply is in flight.
    limit = Math.min(limit, this.#next - from);
    if (limit <= 0) return [];
    return (this.#selectPending.all(from, limit) as Buffer[]).map(asBytes);
  }

  async integrate(commit: IntegrationCommit): Promise<void> {
    if (commit.toSize < commit.fromSize || commit.toSize > this.#next) {
      throw new XprovError('XP_LOG_STORE_CONFLICT', `cannot integrate ${commit.fromSize}..${commit.toSize}`);
    }
    await this.#writer.integrate(commit);
    this.#size = commit.toSize;
  }

  async readTile(level: number, index: number): Promise<Uint8Array | undefined> {
    const row =
      level === -1 ? this.#selectBundle.get(index) : this.#selectTile.get(tileId(level, index));
    return row === undefined ? undefined : asBytes(row as Buffer);
  }

  async readCheckpoint(): Promise<string | undefined> {
    return text(this.#getMeta.get('checkpoint'));
  }

  async readPublished(): Promise<string | undefined> {
    return text(this.#getMeta.get('published'));
  }

  async writePublished(checkpoint: string): Promise<void> {
    await this.#writer.setMeta('published', checkpoint);
  }

  /** Reads a meta value such as the origin the directory was created for. */
  getMeta(key: string): string | undefined {
    return text(this.#getMeta.get(key));
  }

  setMeta(key: string, value: string): Promise<void> {
    return this.#writer.setMeta(key, value);
  }

  /** Moves the WAL into the main file and returns free pages to the file system. */
  compact(): void {
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
    this.#db.pragma('incremental_vacuum');
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    await this.#writer.close();
    if (this.#db.open) this.#db.close();
  }
}

function tileId(level: number, index: number): number {
  if (!Number.isSafeInteger(level) || level < 0 || level > MAX_LEVEL) {
    throw new XprovError('XP_LOG_TILE_PATH', `bad tile level ${level}`);
  }
  return index * 64 + level;
}

function asBytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : Buffer.from(v as Uint8Array).toString('utf8');
}
