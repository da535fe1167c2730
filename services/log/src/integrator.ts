/**
 * Batched integration (spec/log-service.md §Integration), the Tessera/Sunlight step that turns
 * sequenced entries into tiles and a signed checkpoint.
 *
 * A run starts when `batchSize` entries are pending or `batchDelayMs` after the oldest pending
 * entry was sequenced. It reads every pending entry (up to `maxPerCheckpoint`), computes the new
 * tiles from the stored partial tiles (pure, in @xprov/log-core), signs one checkpoint and
 * commits tiles + checkpoint + size atomically. A crash before the commit leaves the store as it
 * was; the next start integrates the same entries again and, Ed25519 and the tree being
 * deterministic, produces the same tiles and checkpoint. The tree is never rewritten: the store
 * refuses a commit that does not start at the integrated size.
 */
import type { LogStore } from './store.js';
import { computeIntegration, type CheckpointSigner } from './tree.js';
import type { LogMetrics } from './metrics.js';

export interface IntegratorOptions {
  store: LogStore;
  signer: CheckpointSigner;
  metrics?: LogMetrics;
  batchSize?: number;
  batchDelayMs?: number;
  maxPerCheckpoint?: number;
  /** Called after a checkpoint is committed, before it is published (witnesses). */
  publish?: (checkpoint: string, size: number) => Promise<void>;
  /** Called after each run with the new integrated size. */
  onIntegrated?: (size: number) => void;
  /** Errors of background runs (the run is retried at the next trigger). */
  onError?: (e: unknown) => void;
  now?: () => number;
}

export class Integrator {
  readonly #o: Required<Omit<IntegratorOptions, 'metrics' | 'publish' | 'onIntegrated' | 'onError'>> &
    IntegratorOptions;
  #sequenced = 0;
  #integrated = 0;
  /** [end index, time] of each sequencing commit not yet fully integrated (oldest first). */
  #marks: Array<[number, number]> = [];
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #closed = false;

  constructor(options: IntegratorOptions) {
    this.#o = {
      batchSize: 256,
      batchDelayMs: 250,
      maxPerCheckpoint: 4096,
      now: () => performance.now(),
      ...options,
    };
  }

  /** Loads the sizes from the store and integrates what a previous run left pending. */
  async start(): Promise<void> {
    const s = await this.#o.store.state();
    this.#sequenced = s.sequencedSize;
    this.#integrated = s.integratedSize;
    if (this.#sequenced > this.#integrated) {
      this.#marks.push([this.#sequenced, this.#o.now()]);
      await this.run();
    }
  }

  get integratedSize(): number {
    return this.#integrated;
  }

  /** The sequencer reports each commit: entries below `size` are durable. */
  sequenced(size: number): void {
    if (size <= this.#sequenced) return;
    this.#sequenced = size;
    this.#marks.push([size, this.#o.now()]);
    const pending = this.#sequenced - this.#integrated;
    if (pending >= this.#o.batchSize) void this.run().catch(() => {});
    else if (this.#timer === undefined && !this.#closed) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        void this.run().catch(() => {});
      }, this.#o.batchDelayMs);
    }
  }

  /** Integrates everything pending now; concurrent calls share one loop. */
  run(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      while (!this.#closed && this.#sequenced > this.#integrated) {
        try {
          await this.#once();
        } catch (e) {
          this.#o.onError?.(e);
          throw e;
        }
      }
    } while (this.#again && !this.#closed);
  }

  async #once(): Promise<void> {
    const { store, signer, metrics } = this.#o;
    const from = this.#integrated;
    const entries = await store.readSequenced(from, this.#o.maxPerCheckpoint);
    if (entries.length === 0) return;
    const to = from + entries.length;
    const { tiles, rootHash } = await computeIntegration(from, entries, (l, n) => store.readTile(l, n));
    const checkpoint = signer.sign(to, rootHash);
    await store.integrate({ fromSize: from, toSize: to, tiles, checkpoint });
    this.#integrated = to;
    const oldest = this.#marks[0]?.[1];
    while (this.#marks.length > 0 && this.#marks[0]![0] <= to) this.#marks.shift();
    if (metrics) {
      metrics.integrationBatch.observe(entries.length);
      metrics.treeSize.set(to);
      if (oldest !== undefined) metrics.integrationLatency.observe((this.#o.now() - oldest) / 1000);
    }
    if (this.#o.publish) await this.#o.publish(checkpoint, to);
    this.#o.onIntegrated?.(to);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => {});
  }
}
