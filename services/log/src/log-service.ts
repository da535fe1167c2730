/**
 * The log itself, below HTTP: the store, group-committed sequencing, batched integration,
 * publication (with witness cosignatures when configured), receipts, tile reads and proofs.
 */
import { XprovError } from '@xprov/format';
import { consistencyProof, type Hash, inclusionProof, parseTilePath, TILE_WIDTH } from '@xprov/log-core';
import { DEFAULT_RECEIPT_TIMEOUT_MS } from './limits.js';
import { Integrator } from './integrator.js';
import { createMetrics, type LogMetrics } from './metrics.js';
import { Sequencer } from './sequencer.js';
import type { LogStore } from './store.js';
import { readTileAt, storeHashReader } from './tile-reads.js';
import type { CheckpointSigner } from './tree.js';

/** DESIGN §3: the receipt of one entry. */
export interface Receipt {
  origin: string;
  index: number;
  treeSize: number;
  inclusionProof: string[];
  checkpoint: string;
}

/** Publishes a committed checkpoint; returns the text to serve (e.g. with cosignatures) or undefined to keep the old one. */
export type Publisher = (checkpoint: string, size: number) => Promise<string | undefined>;

export interface LogServiceOptions {
  store: LogStore;
  signer: CheckpointSigner;
  /** Integrate after this many pending entries (default 256)… */
  batchSize?: number;
  /** …or this long after the oldest pending entry (default 250 ms). */
  batchDelayMs?: number;
  maxPerCheckpoint?: number;
  /** Witness step; without it the log-signed checkpoint is published as is. */
  publisher?: Publisher;
  receiptTimeoutMs?: number;
  metrics?: LogMetrics;
  onError?: (e: unknown) => void;
}

interface Published {
  text: string;
  size: number;
}

export class LogService {
  readonly metrics: LogMetrics;
  readonly origin: string;
  readonly #store: LogStore;
  readonly #sequencer: Sequencer;
  readonly #integrator: Integrator;
  readonly #publisher: Publisher | undefined;
  readonly #receiptTimeoutMs: number;
  #published: Published | undefined;
  #waiters: Array<{ index: number; resolve: () => void }> = [];
  readonly #listeners = new Set<(size: number) => void>();

  private constructor(o: LogServiceOptions) {
    this.metrics = o.metrics ?? createMetrics();
    this.origin = o.signer.origin;
    this.#store = o.store;
    this.#publisher = o.publisher;
    this.#receiptTimeoutMs = o.receiptTimeoutMs ?? DEFAULT_RECEIPT_TIMEOUT_MS;
    this.#integrator = new Integrator({
      store: o.store,
      signer: o.signer,
      metrics: this.metrics,
      batchSize: o.batchSize ?? 256,
      batchDelayMs: o.batchDelayMs ?? 250,
      maxPerCheckpoint: o.maxPerCheckpoint ?? 4096,
      publish: (cp, size) => this.#publish(cp, size),
      onError: o.onError,
    });
    this.#sequencer = new Sequencer(o.store, {
      onCommit: (n) => {
        this.metrics.sequenceBatch.observe(n);
        this.metrics.entriesAdded.inc(n);
      },
    });
  }

  /** Opens the log on `store`: loads the published checkpoint and integrates leftovers of a crash. */
  static async open(o: LogServiceOptions): Promise<LogService> {
    const log = new LogService(o);
    // With witnesses only a cosigned checkpoint is published; without, the latest committed one.
    const cp = o.publisher ? await o.store.readPublished() : await o.store.readCheckpoint();
    if (cp !== undefined) log.#published = { text: cp, size: checkpointSize(cp) };
    else if (!o.publisher) {
      // An empty log still publishes a signed checkpoint (size 0) so clients can start.
      log.#published = { text: o.signer.sign(0, o.signer.emptyRoot), size: 0 };
    }
    await log.#integrator.start();
    const s = await o.store.state();
    log.metrics.treeSize.set(s.integratedSize);
    log.metrics.sequencedSize.set(s.sequencedSize);
    return log;
  }

  /** Durably sequences `entries`; resolves with the index of the first. */
  async add(entries: Uint8Array[]): Promise<number> {
    const first = await this.#sequencer.add(entries);
    this.metrics.sequencedSize.set(first + entries.length);
    this.#integrator.sequenced(first + entries.length);
    return first;
  }

  /** Waits until `index` is under the published checkpoint, then builds its receipt. */
  async receipt(index: number): Promise<Receipt> {
    if (this.#published === undefined || this.#published.size <= index) {
      await new Promise<void>((resolve, reject) => {
        const w = { index, resolve: () => {} };
        const timer = setTimeout(() => {
          this.#waiters = this.#waiters.filter((x) => x !== w);
          reject(new XprovError('XP_LOG_WAIT_TIMEOUT', `entry ${index} was not integrated in time`));
        }, this.#receiptTimeoutMs);
        w.resolve = () => {
          clearTimeout(timer);
          resolve();
        };
        this.#waiters.push(w);
      });
    }
    const p = this.#published!;
    const proof = await inclusionProof(index, p.size, this.#reader(p.size));
    return { origin: this.origin, index, treeSize: p.size, inclusionProof: proof.map(b64), checkpoint: p.text };
  }

  /** The published checkpoint (signed note text). */
  async checkpoint(): Promise<string | undefined> {
    return this.#published?.text;
  }

  async sizes(): Promise<{ treeSize: number; publishedSize: number; sequencedSize: number }> {
    const s = await this.#store.state();
    return { treeSize: s.integratedSize, publishedSize: this.#published?.size ?? 0, sequencedSize: s.sequencedSize };
  }

  /** Serves a C2SP tlog-tiles path (`tile/…`, attacker-controlled) from the integrated tree. */
  async readTilePath(path: string): Promise<{ data: Uint8Array; full: boolean }> {
    const t = parseTilePath(path);
    const size = this.#integrator.integratedSize;
    const data = await readTileAt(this.#store, t, size);
    return { data, full: t.width === TILE_WIDTH };
  }

  async inclusionProof(index: number, size: number): Promise<Hash[]> {
    this.#checkSize(size);
    if (index >= size) throw new XprovError('XP_QUERY_INVALID', 'index must be below size');
    return inclusionProof(index, size, this.#reader(size));
  }

  async consistencyProof(from: number, to: number): Promise<Hash[]> {
    this.#checkSize(to);
    if (from < 1 || from > to) throw new XprovError('XP_QUERY_INVALID', 'need 1 ≤ from ≤ to');
    return consistencyProof(from, to, this.#reader(to));
  }

  /** Integrates everything sequenced so far (tests, shutdown). */
  async flush(): Promise<void> {
    await this.#integrator.run();
  }

  /** Called with each new published size. */
  onPublished(fn: (size: number) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  async close(): Promise<void> {
    await this.#integrator.close();
    await this.#store.close();
  }

  #reader(size: number) {
    return storeHashReader(this.#store, size);
  }

  #checkSize(size: number): void {
    if (size < 1 || size > this.#integrator.integratedSize) {
      throw new XprovError('XP_LOG_SIZE_BEYOND_TREE', `size must be 1..${this.#integrator.integratedSize}`);
    }
  }

  async #publish(checkpoint: string, size: number): Promise<void> {
    let text: string | undefined = checkpoint;
    if (this.#publisher) {
      text = await this.#publisher(checkpoint, size).catch(() => undefined);
      if (text === undefined) return; // not enough cosignatures: keep serving the last published one
      await this.#store.writePublished(text);
    }
    this.#published = { text, size };
    const ready = this.#waiters.filter((w) => w.index < size);
    this.#waiters = this.#waiters.filter((w) => w.index >= size);
    for (const w of ready) w.resolve();
    for (const fn of this.#listeners) fn(size);
  }
}

function checkpointSize(text: string): number {
  const size = Number(text.split('\n')[1]);
  if (!Number.isSafeInteger(size)) throw new XprovError('XP_NOTE_MALFORMED', 'stored checkpoint has no size');
  return size;
}

function b64(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}
