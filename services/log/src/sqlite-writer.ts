/**
 * The SQLite writer thread of `SqliteLogStore`. With `synchronous=FULL` every commit waits for
 * an fsync; on the main thread that would stall the event loop (no request is parsed while the
 * disk flushes), so commits run here, and the sequencer group-commits everything that arrived
 * during the previous flush. Messages come only from the store in the same process.
 */
import { Worker } from 'node:worker_threads';
import { XprovError } from '@xprov/format';
import type { IntegrationCommit } from './store.js';

type Op =
  | { op: 'sequence'; first: number; entries: Uint8Array[] }
  | { op: 'integrate'; commit: IntegrationCommit }
  | { op: 'meta'; key: string; value: string };

// Plain JS (runs with `eval: true`, so it works from src/ under vitest and from dist/ alike).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
const db = new Database(workerData.path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('busy_timeout = 10000');
const insertPending = db.prepare('INSERT INTO pending (idx, entry) VALUES (?, ?)');
const deletePending = db.prepare('DELETE FROM pending WHERE idx < ?');
const upsertTile = db.prepare('INSERT INTO tiles (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data');
const upsertBundle = db.prepare('INSERT INTO bundles (idx, data) VALUES (?, ?) ON CONFLICT (idx) DO UPDATE SET data = excluded.data');
const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
const sequence = db.transaction((first, entries) => {
  for (let i = 0; i < entries.length; i++) insertPending.run(first + i, entries[i]);
});
const integrate = db.transaction((c) => {
  const current = Number(getMeta.get('size') ?? 0);
  if (current !== c.fromSize) {
    const e = new Error('integrated size is ' + current + ', not ' + c.fromSize);
    e.code = 'XP_LOG_STORE_CONFLICT';
    throw e;
  }
  for (const t of c.tiles) {
    if (t.level === -1) upsertBundle.run(t.index, t.data);
    else upsertTile.run(t.index * 64 + t.level, t.data);
  }
  setMeta.run('size', c.toSize);
  setMeta.run('checkpoint', c.checkpoint);
  deletePending.run(c.toSize);
});
parentPort.on('message', ({ id, msg }) => {
  try {
    if (msg.op === 'sequence') sequence(msg.first, msg.entries);
    else if (msg.op === 'integrate') integrate(msg.commit);
    else if (msg.op === 'meta') setMeta.run(msg.key, msg.value);
    else if (msg.op === 'close') { db.close(); parentPort.postMessage({ id }); process.exit(0); }
    parentPort.postMessage({ id });
  } catch (e) {
    parentPort.postMessage({ id, error: { code: e.code || 'XP_LOG_STORE', message: String(e.message) } });
  }
});
`;

export class SqliteWriter {
  readonly #worker: Worker;
  #nextId = 0;
  readonly #pending = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
  #failed: Error | undefined;

  constructor(path: string, synchronous: 'FULL' | 'NORMAL', sqlitePath: string) {
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, synchronous, sqlitePath } });
    this.#worker.unref();
    this.#worker.on('message', ({ id, error }: { id: number; error?: { code: string; message: string } }) => {
      const p = this.#pending.get(id);
      this.#pending.delete(id);
      if (error) p?.reject(new XprovError(error.code, error.message));
      else p?.resolve();
    });
    const fail = (e: Error) => {
      this.#failed = e;
      for (const p of this.#pending.values()) p.reject(new XprovError('XP_LOG_STORE', `writer thread failed: ${e.message}`));
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', () => fail(new Error('exited')));
  }

  #call(msg: Op | { op: 'close' }): Promise<void> {
    if (this.#failed) return Promise.reject(new XprovError('XP_LOG_STORE', `writer thread failed: ${this.#failed.message}`));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, msg });
    });
  }

  sequence(first: number, entries: Uint8Array[]): Promise<void> {
    // Structured clone copies a view's whole ArrayBuffer: send compact copies of pooled views.
    const compact = entries.map((e) => (e.byteOffset === 0 && e.byteLength === e.buffer.byteLength ? e : e.slice()));
    return this.#call({ op: 'sequence', first, entries: compact });
  }

  integrate(commit: IntegrationCommit): Promise<void> {
    return this.#call({ op: 'integrate', commit });
  }

  setMeta(key: string, value: string): Promise<void> {
    return this.#call({ op: 'meta', key, value });
  }

  async close(): Promise<void> {
    if (this.#failed) return;
    await this.#call({ op: 'close' }).catch(() => {});
    await this.#worker.terminate();
  }
}
