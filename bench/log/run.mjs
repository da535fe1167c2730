#!/usr/bin/env node
// bench/log: `pnpm --filter @xprov/bench bench:log` (or `node bench/log/run.mjs [--quick]`).
// 1. POST /add throughput and latency, xprov log vs a bare Hono JSON POST endpoint, same run,
//    same generator (separate process), 127.0.0.1 only; 2. in-process append throughput and
//    integration latency; 3. bytes on disk per entry after 1M entries.
// Writes bench/results/log-<timestamp>.json and prints a summary.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendAndIntegrate, diskPerEntry } from './inproc.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const SECONDS = quick ? 2 : 8;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 256);
const ENTRY = 256;

function run(script, args, { untilLine = false, env = process.env } = {}) {
  const child = spawn(process.execPath, [join(here, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'], env });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (untilLine && out.includes('\n')) resolve({ child, value: JSON.parse(out.split('\n')[0]) });
    });
    child.on('exit', (code) => (code === 0 ? resolve({ child, value: JSON.parse(out.trim().split('\n').pop()) }) : reject(new Error(`${script} exited ${code}`))));
  });
}

async function loadAgainst(mode) {
  const dir = mkdtempSync(join(tmpdir(), 'xprov-bench-'));
  const [kind, sync] = mode.split(':');
  const env = { ...process.env, XPROV_LOG_SYNC: sync ?? 'FULL' };
  const { child, value: srv } = await run('server.mjs', [kind, dir], { untilLine: true, env });
  try {
    const { value } = await run('load.mjs', [srv.url, srv.apiKey, String(SECONDS), String(CONCURRENCY), String(ENTRY)]);
    return value;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, quick };
// Interleave the servers round by round so that background noise hits all of them alike;
// report the median round.
const MODES = ['bare', 'log:FULL', 'log:NORMAL'];
const rounds = quick ? 1 : 3;
const runs = Object.fromEntries(MODES.map((m) => [m, []]));
for (let i = 0; i < rounds; i++) for (const m of MODES) runs[m].push(await loadAgainst(m));
const median = (xs) => [...xs].sort((a, b) => a.rps - b.rps)[Math.floor(xs.length / 2)];
const ratios = (m) => runs[m].map((r, i) => r.rps / runs.bare[i].rps);
results.http = {
  seconds: SECONDS,
  concurrency: CONCURRENCY,
  entryBytes: ENTRY,
  bare: median(runs.bare),
  logFull: median(runs['log:FULL']),
  logNormal: median(runs['log:NORMAL']),
  ratioFull: ratios('log:FULL').sort((a, b) => a - b)[Math.floor(rounds / 2)],
  ratioNormal: ratios('log:NORMAL').sort((a, b) => a - b)[Math.floor(rounds / 2)],
  runs,
};
results.inProcess = await appendAndIntegrate({ seconds: quick ? 2 : 5 });
results.disk = await diskPerEntry({ count: quick ? 100_000 : 1_000_000 });

mkdirSync(join(here, '..', 'results'), { recursive: true });
const file = join(here, '..', 'results', `log-${results.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
const f = (x, d = 1) => (x === undefined || x === null ? '-' : Number(x).toFixed(d));
const line = (name, r) => console.log(`${name.padEnd(22)} ${f(r.rps, 0)} req/s (p50 ${f(r.p50ms, 2)} ms, p99 ${f(r.p99ms, 2)} ms)`);
line('bare Hono', results.http.bare);
line('log (synchronous=FULL)', results.http.logFull);
line('log (NORMAL)', results.http.logNormal);
console.log(`ratio FULL ${f(results.http.ratioFull, 2)}, NORMAL ${f(results.http.ratioNormal, 2)} (target ≥ 0.5; median of ${rounds} interleaved rounds, concurrency ${CONCURRENCY})`);
console.log(`in-process       ${f(results.inProcess.appendsPerSecond, 0)} appends/s`);
console.log(`integration      p50 ${f(results.inProcess.integrationP50ms)} ms, p99 ${f(results.inProcess.integrationP99ms)} ms (target p99 ≤ 1000)`);
console.log(`disk             ${f(results.disk.bytesPerEntry)} B/entry for ${results.disk.entries} × ${results.disk.entryBytes} B entries: ${f(results.disk.overheadPerEntry)} B beyond the entry (target ≤ 64)`);
console.log(`written to ${file}`);
