// In-process measurements (no HTTP): append throughput through LogService.add (group commit,
// synchronous=FULL), integration latency from acknowledgement to published checkpoint, and
// bytes on disk per entry after filling the store with N entries.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNoteKey } from '@xprov/log-core';
import { LogService, noteCheckpointSigner, SqliteLogStore } from '@xprov/log';

const ORIGIN = 'bench.local/log';
const key = generateNoteKey(ORIGIN);

async function open(dir, synchronous = 'FULL') {
  const store = new SqliteLogStore(join(dir, 'log.db'), { synchronous });
  const log = await LogService.open({ store, signer: noteCheckpointSigner(key, ORIGIN) });
  return { store, log };
}

function entry(i, bytes) {
  const b = Buffer.alloc(bytes, 0x62);
  b.writeUInt32BE(i >>> 0, 0);
  b.writeUInt32BE(Math.floor(i / 2 ** 32), 4);
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/** Concurrent single-entry adds for `seconds`; integration latency per entry. */
export async function appendAndIntegrate({ seconds = 5, concurrency = 256, entryBytes = 256 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'xprov-bench-'));
  const { log } = await open(dir);
  const acked = [];
  const latencies = [];
  let next = 0;
  log.onPublished((size) => {
    const now = performance.now();
    while (next < size && next < acked.length) {
      if (acked[next] !== undefined) latencies.push(now - acked[next]);
      next++;
    }
  });
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const index = await log.add([entry(n++, entryBytes)]);
      acked[index] = performance.now();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const appended = acked.length;
  await log.flush();
  await new Promise((r) => setTimeout(r, 300));
  await log.close();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return {
    appendsPerSecond: appended / seconds,
    integrationP50ms: pct(latencies, 0.5),
    integrationP99ms: pct(latencies, 0.99),
    integrationMaxMs: latencies[latencies.length - 1],
    entries: appended,
  };
}

/** Fills a fresh store with `count` entries of `entryBytes` through add-batch-sized appends. */
export async function diskPerEntry({ count = 1_000_000, entryBytes = 256, batch = 1024 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'xprov-bench-'));
  const { store, log } = await open(dir, 'NORMAL');
  const t0 = performance.now();
  for (let i = 0; i < count; i += batch) {
    const n = Math.min(batch, count - i);
    await log.add(Array.from({ length: n }, (_, j) => entry(i + j, entryBytes)));
    if ((i / batch) % 8 === 7) await log.flush();
  }
  await log.flush();
  const fillSeconds = (performance.now() - t0) / 1000;
  store.compact();
  const bytes = readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
  await log.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    entries: count,
    entryBytes,
    bytesOnDisk: bytes,
    bytesPerEntry: bytes / count,
    overheadPerEntry: bytes / count - entryBytes,
    fillSeconds,
  };
}
