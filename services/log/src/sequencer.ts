/**
 * Group commit of `POST /add` (spec/log-service.md §Sequencing).
 *
 * Adds that arrive while a commit is in flight, or within the same event-loop turn, are
 * written in one transaction (one fsync) and each caller learns its own index. An index is
 * handed out only after the transaction committed: an acknowledged index is durable.
 */
import type { LogStore } from './store.js';

interface Waiter {
  entries: Uint8Array[];
  resolve: (first: number) => void;
  reject: (e: unknown) => void;
}

export interface SequencerOptions {
  /** Most entries in one transaction (default 4096). */
  maxBatch?: number;
  /** Called after each commit with the number of entries it held. */
  onCommit?: (entries: number) => void;
}

export class Sequencer {
  readonly #store: LogStore;
  readonly #maxBatch: number;
  readonly #onCommit: ((n: number) => void) | undefined;
  #queue: Waiter[] = [];
  #running = false;

  constructor(store: LogStore, options: SequencerOptions = {}) {
    this.#store = store;
    this.#maxBatch = options.maxBatch ?? 4096;
    this.#onCommit = options.onCommit;
  }

  /** Resolves with the index of the first of `entries` once they are durably sequenced. */
  add(entries: Uint8Array[]): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ entries, resolve, reject });
      if (!this.#running) {
        this.#running = true;
        // Let the requests already parsed in this turn join the batch.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch: Waiter[] = [];
      let n = 0;
      while (this.#queue.length > 0 && (batch.length === 0 || n + this.#queue[0]!.entries.length <= this.#maxBatch)) {
        const w = this.#queue.shift()!;
        batch.push(w);
        n += w.entries.length;
      }
      const all = batch.length === 1 ? batch[0]!.entries : batch.flatMap((w) => w.entries);
      try {
        let first = await this.#store.sequence(all);
        this.#onCommit?.(all.length);
        for (const w of batch) {
          w.resolve(first);
          first += w.entries.length;
        }
      } catch (e) {
        for (const w of batch) w.reject(e);
      }
    }
    this.#running = false;
  }
}
