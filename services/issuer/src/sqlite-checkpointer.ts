/**
 * WAL checkpoints of the governor's SQLite store, off the request thread (spec/governor.md
 * §Performance). With SQLite's default (`wal_autocheckpoint = 1000` pages, run by whichever
 * commit crosses it) every ~150th permit pays for copying 4 MB back into the database file and
 * its fsync on the event loop, and every permit pays for the WAL pages of its own commits being
 * re-copied a little later. Here a worker thread with its own connection runs a PASSIVE
 * checkpoint every `intervalMs`: it never blocks a writer, copies each hot page once per
 * interval however often it changed, and does its I/O on another core.
 *
 * Fail-safe: the request connection keeps `wal_autocheckpoint` at `FALLBACK_PAGES`, so if this
 * thread stops or falls behind the WAL is still bounded (just as before, only later). Several
 * processes on one file each run one; a checkpoint that meets another simply does less.
 * Nothing here reads input from outside the process.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The request connection's own autocheckpoint, a backstop only (~40 MiB of WAL). */
export const FALLBACK_PAGES = 10_000;

// Plain JS (eval: true), so it runs from src/ under vitest and from dist/ alike.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  db.close();
  parentPort.postMessage('closed');
});
`;

export class SqliteCheckpointer {
  readonly #worker: Worker;
  #closed: Promise<void> | undefined;

  constructor(path: string, intervalMs = 200) {
    const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(SOURCE, { eval: true, workerData: { path, sqlitePath, intervalMs } });
    // A background helper: it must not keep the process alive, and its failure is not fatal
    // (the request connection's fallback autocheckpoint still bounds the WAL).
    this.#worker.unref();
    this.#worker.on('error', () => {});
  }

  /** One last checkpoint, then the thread's connection is closed. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      const done = () => resolve();
      this.#worker.once('message', () => void this.#worker.terminate().then(done, done));
      this.#worker.once('exit', done);
      this.#worker.postMessage('close');
    });
    return this.#closed;
  }
}
