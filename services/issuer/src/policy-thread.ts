/**
 * Cedar evaluation on a worker thread (spec/governor.md §12). `@xprov/policy`'s `evaluate` is
 * pure and synchronous, and per permit it is the largest single cost on the request thread
 * (the request's conversion into WASM and the evaluation, ~0.15 ms under load). Here it runs on
 * one worker thread with its own Cedar instance and preparsed-policy cache, so the request
 * thread serves other requests meanwhile and the gate overlaps it with the presentation's
 * signature check (which runs on libuv's pool).
 *
 * Same function, same answer: the input is plain JSON (a parsed presentation's request, policy
 * sources, a time string), structured-cloned. Fail-safe, never fail-open: should the thread fail
 * to start or die, every pending and later call is evaluated on the calling thread instead.
 * Nothing here reads input from outside the process except what `evaluate` already checks.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type EvaluateInput, type Evaluation, evaluate } from '@xprov/policy';

// Plain JS (eval: true), so it runs from src/ under vitest and from dist/ alike.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.policyUrl).then(({ evaluate }) => {
  parentPort.on('message', ({ id, input }) => {
    parentPort.postMessage({ id, result: evaluate(input) });
  });
});
`;

interface Pending {
  input: EvaluateInput;
  resolve: (e: Evaluation) => void;
}

export class PolicyThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #failed = false;

  constructor() {
    const policyUrl = pathToFileURL(createRequire(import.meta.url).resolve('@xprov/policy')).href;
    this.#worker = new Worker(SOURCE, { eval: true, workerData: { policyUrl } });
    this.#worker.unref();
    this.#worker.on('message', ({ id, result }: { id: number; result: Evaluation }) => {
      const p = this.#pending.get(id);
      this.#pending.delete(id);
      p?.resolve(result);
    });
    const fail = () => {
      this.#failed = true;
      for (const p of this.#pending.values()) p.resolve(evaluate(p.input));
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', fail);
  }

  /** `@xprov/policy`'s `evaluate`, on the thread (on this thread if the thread has failed). Never rejects. */
  evaluate(input: EvaluateInput): Promise<Evaluation> {
    if (this.#failed) return Promise.resolve(evaluate(input));
    const id = this.#next++;
    return new Promise((resolve) => {
      this.#pending.set(id, { input, resolve });
      try {
        this.#worker.postMessage({ id, input });
      } catch {
        // Not cloneable (cannot happen with parsed JSON): evaluate here rather than fail.
        this.#pending.delete(id);
        resolve(evaluate(input));
      }
    });
  }

  async close(): Promise<void> {
    this.#failed = true;
    await this.#worker.terminate();
  }
}
