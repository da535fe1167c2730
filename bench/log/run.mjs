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
const CONCURRENCY = 64;
const ENTRY = 256;

function run(script, args, { untilLine = false } = {}) {
  const child = spawn(process.execPath, [join(here, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
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
  const { child, value: srv } = await run('server.mjs', [mode, dir], { untilLine: true });
  try {
    const { value } = await run('load.mjs', [srv.url, srv.apiKey, String(SECONDS), String(CONCURRENCY), String(ENTRY)]);
    return value;
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, quick };
// Alternate to spread noise: bare, log, bare, log.
const bare = [];
const log = [];
for (let i = 0; i < 2; i++) {
  bare.push(await loadAgainst('bare'));
  log.push(await loadAgainst('log'));
}
const best = (xs) => xs.reduce((a, b) => (b.rps > a.rps ? b : a));
results.http = { seconds: SECONDS, concurrency: CONCURRENCY, entryBytes: ENTRY, bare: best(bare), log: best(log), runs: { bare, log } };
results.http.ratio = results.http.log.rps / results.http.bare.rps;
results.inProcess = await appendAndIntegrate({ seconds: quick ? 2 : 5 });
results.disk = await diskPerEntry({ count: quick ? 100_000 : 1_000_000 });

mkdirSync(join(here, '..', 'results'), { recursive: true });
const file = join(here, '..', 'results', `log-${results.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
const f = (x, d = 1) => (x === undefined || x === null ? '-' : Number(x).toFixed(d));
console.log(`POST /add    log ${f(results.http.log.rps, 0)} req/s (p50 ${f(results.http.log.p50ms, 2)} ms, p99 ${f(results.http.log.p99ms, 2)} ms)`);
console.log(`bare Hono        ${f(results.http.bare.rps, 0)} req/s (p50 ${f(results.http.bare.p50ms, 2)} ms, p99 ${f(results.http.bare.p99ms, 2)} ms)`);
console.log(`ratio            ${f(results.http.ratio, 2)} (target ≥ 0.5)`);
console.log(`in-process       ${f(results.inProcess.appendsPerSecond, 0)} appends/s`);
console.log(`integration      p50 ${f(results.inProcess.integrationP50ms)} ms, p99 ${f(results.inProcess.integrationP99ms)} ms (target p99 ≤ 1000)`);
console.log(`disk             ${f(results.disk.bytesPerEntry)} B/entry for ${results.disk.entries} × ${results.disk.entryBytes} B entries: ${f(results.disk.overheadPerEntry)} B beyond the entry (target ≤ 64)`);
console.log(`written to ${file}`);
