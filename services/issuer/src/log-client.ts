/**
 * How the governor talks to the transparency log (DESIGN §3, §6). `HttpLogClient` posts entries
 * to the log service's `POST /add` with retries (a permit is returned only once the log has
 * given its entry an index) and reads the checkpoint and inclusion proofs to make receipts. The
 * log's answers are untrusted input: shapes are checked, sizes bounded, and bundles are verified
 * by others.
 *
 * Transport (spec/governor.md §Performance): node:http(s) with a keep-alive agent — on the permit
 * path it costs a fraction of what WHATWG `fetch` does per request. A `fetch` may still be given.
 */
import http from 'node:http';
import https from 'node:https';
import { XprovError } from '@xprov/format';
import { ISSUER_CODES } from './codes.js';

/** The JSON receipt (DESIGN §3, spec/log-entry.md §3): @xprov/format's type, the one definition. */
export type { Receipt } from '@xprov/format';
import type { Receipt } from '@xprov/format';

export interface LogClient {
  /** The durably assigned index of the entry (JCS bytes of the log entry). */
  add(entry: Uint8Array): Promise<number>;
  /** The current checkpoint (signed note text, with any cosignatures). */
  checkpoint(): Promise<string>;
  inclusionProof(index: number, size: number): Promise<string[]>;
  healthy(): Promise<boolean>;
  /** Releases connections (optional). */
  close?(): Promise<void>;
}

export interface HttpLogClientOptions {
  url: string;
  apiKey: string;
  /** Attempts per request (default 5), with exponential backoff from `backoffMs` (default 50). */
  attempts?: number;
  backoffMs?: number;
  timeoutMs?: number;
  /**
   * Group concurrent adds into one `POST /add-batch` (default true). Each caller still gets its
   * own durably assigned index before it returns; entries added after an awaited add get
   * higher indexes, so causal order (grants < permit < outcome) is kept.
   */
  batch?: boolean;
  /** Use this instead of node:http(s) (tests, other runtimes). */
  fetch?: typeof fetch;
  /** Keep-alive connections to the log (node:http transport; default 16). */
  maxSockets?: number;
}

/** A log answer: status and body text. */
interface Answer {
  status: number;
  text: string;
}

/** Largest answer read from the log (proofs and checkpoints are far smaller). */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const MAX_BATCH = 512;

export class HttpLogClient implements LogClient {
  readonly #o: Required<Omit<HttpLogClientOptions, 'fetch' | 'maxSockets'>> & { fetch: typeof fetch | undefined };
  readonly #agent: http.Agent;
  #pending: Array<{ entry: Uint8Array; resolve: (i: number) => void; reject: (e: unknown) => void }> = [];
  #scheduled = false;

  constructor(o: HttpLogClientOptions) {
    this.#o = {
      url: o.url.replace(/\/$/, ''),
      apiKey: o.apiKey,
      attempts: o.attempts ?? 5,
      backoffMs: o.backoffMs ?? 50,
      timeoutMs: o.timeoutMs ?? 10_000,
      batch: o.batch ?? true,
      fetch: o.fetch,
    };
    const Agent = this.#o.url.startsWith('https:') ? https.Agent : http.Agent;
    this.#agent = new Agent({ keepAlive: true, maxSockets: o.maxSockets ?? 16 });
  }

  /** One request, no retries; network errors and timeouts reject. */
  #send(path: string, method: 'GET' | 'POST', headers: Record<string, string>, body: string | Uint8Array | undefined, timeoutMs: number): Promise<Answer> {
    const url = `${this.#o.url}${path}`;
    if (this.#o.fetch !== undefined) {
      const f = this.#o.fetch;
      return f(url, { method, headers, ...(body === undefined ? {} : { body: body as string }), signal: AbortSignal.timeout(timeoutMs) }).then(async (res) => ({
        status: res.status,
        text: await res.text(),
      }));
    }
    return new Promise((resolve, reject) => {
      const lib = url.startsWith('https:') ? https : http;
      const h = body === undefined ? headers : { ...headers, 'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength) };
      const req = lib.request(url, { method, headers: h, agent: this.#agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new Error('answer too large'));
          else chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Retries network errors, 429 and 5xx; a 4xx answer is final. */
  async #request(path: string, init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string | Uint8Array }): Promise<Answer> {
    let last: unknown;
    for (let attempt = 0; attempt < this.#o.attempts; attempt++) {
      if (attempt > 0) await sleep(this.#o.backoffMs * 2 ** (attempt - 1));
      try {
        const res = await this.#send(path, init.method, init.headers ?? {}, init.body, this.#o.timeoutMs);
        if (res.status >= 200 && res.status < 300) return res;
        if (res.status !== 429 && res.status < 500) {
          throw new XprovError(ISSUER_CODES.LOG_UNAVAILABLE, `the log refused ${path}: HTTP ${res.status}`, {
            details: { final: true },
          });
        }
        last = new Error(`HTTP ${res.status}`);
      } catch (e) {
        if ((e as XprovError).details && ((e as XprovError).details as { final?: boolean }).final) throw e;
        last = e;
      }
    }
    throw new XprovError(ISSUER_CODES.LOG_UNAVAILABLE, `the log is unreachable: ${(last as Error)?.message ?? 'unknown'}`);
  }

  add(entry: Uint8Array): Promise<number> {
    if (!this.#o.batch) return this.#addOne(entry);
    return new Promise((resolve, reject) => {
      this.#pending.push({ entry, resolve, reject });
      if (this.#pending.length >= MAX_BATCH) this.#flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#pending.splice(0, MAX_BATCH);
    if (this.#pending.length > 0 && !this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    }
    if (batch.length === 0) return;
    this.#addBatch(batch.map((b) => b.entry)).then(
      (indexes) => {
        for (const [i, b] of batch.entries()) b.resolve(indexes[i]!);
      },
      (e) => {
        for (const b of batch) b.reject(e);
      },
    );
  }

  async #addBatch(entries: Uint8Array[]): Promise<number[]> {
    const res = await this.#request('/add-batch', {
      method: 'POST',
      headers: { authorization: `Bearer ${this.#o.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ entries: entries.map((e) => Buffer.from(e).toString('base64')) }),
    });
    const body = answerJson(res) as { indexes?: unknown };
    const ok = Array.isArray(body.indexes) && body.indexes.length === entries.length && body.indexes.every((i) => Number.isSafeInteger(i) && i >= 0);
    if (!ok) throw new XprovError(ISSUER_CODES.LOG_UNAVAILABLE, 'the log answered without indexes');
    return body.indexes as number[];
  }

  async #addOne(entry: Uint8Array): Promise<number> {
    const res = await this.#request('/add', {
      method: 'POST',
      headers: { authorization: `Bearer ${this.#o.apiKey}`, 'content-type': 'application/octet-stream' },
      body: entry,
    });
    const body = answerJson(res) as { index?: unknown };
    if (!Number.isSafeInteger(body.index) || (body.index as number) < 0) {
      throw new XprovError(ISSUER_CODES.LOG_UNAVAILABLE, 'the log answered without an index');
    }
    return body.index as number;
  }

  async checkpoint(): Promise<string> {
    return (await this.#request('/checkpoint', { method: 'GET' })).text;
  }

  async inclusionProof(index: number, size: number): Promise<string[]> {
    const res = await this.#request(`/proof/inclusion?index=${index}&size=${size}`, { method: 'GET' });
    const body = answerJson(res) as { proof?: unknown };
    if (!Array.isArray(body.proof) || !body.proof.every((p) => typeof p === 'string')) {
      throw new XprovError(ISSUER_CODES.LOG_UNAVAILABLE, 'the log answered a malformed proof');
    }
    return body.proof as string[];
  }

  async healthy(): Promise<boolean> {
    try {
      const res = await this.#send('/healthz', 'GET', {}, undefined, 2000);
      return res.status === 200;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.#agent.destroy();
  }
}

/** The answer's JSON, or XP_LOG_UNAVAILABLE: a log that answers garbage is as good as none. */
function answerJson(res: Answer): unknown {
  try {
    return JSON.parse(res.text) as unknown;
  } catch {
    throw new XprovError(ISSUER_CODES.LOG_UNAVAILABLE, 'the log answered something that is not JSON');
  }
}

/** Origin line and tree size of a checkpoint's note body (C2SP tlog-checkpoint). */
export function checkpointHead(text: string): { origin: string; size: number } {
  const [origin, size] = text.split('\n');
  const n = Number(size);
  if (origin === undefined || origin === '' || !/^\d+$/.test(size ?? '') || !Number.isSafeInteger(n)) {
    throw new XprovError(ISSUER_CODES.LOG_UNAVAILABLE, 'the log served a malformed checkpoint');
  }
  return { origin, size: n };
}

/**
 * Receipts (DESIGN §3) for several logged credentials against one checkpoint that includes all
 * of them, waiting (bounded) for the log to integrate the newest.
 */
export async function receiptsFor(
  log: LogClient,
  items: readonly { credentialId: string; index: number }[],
  o: { timeoutMs?: number; pollMs?: number } = {},
): Promise<Receipt[]> {
  const need = Math.max(-1, ...items.map((i) => i.index)) + 1;
  const deadline = Date.now() + (o.timeoutMs ?? 10_000);
  let text = await log.checkpoint().catch(() => '');
  let head = text === '' ? { origin: '', size: 0 } : checkpointHead(text);
  while (head.size < need) {
    if (Date.now() > deadline) throw new XprovError(ISSUER_CODES.LOG_UNAVAILABLE, 'the log did not integrate the entries in time');
    await sleep(o.pollMs ?? 50);
    text = await log.checkpoint().catch(() => '');
    head = text === '' ? { origin: '', size: 0 } : checkpointHead(text);
  }
  return Promise.all(
    items.map(async (i) => ({
      credentialId: i.credentialId,
      origin: head.origin,
      index: i.index,
      treeSize: head.size,
      inclusionProof: await log.inclusionProof(i.index, head.size),
      checkpoint: text,
    })),
  );
}
