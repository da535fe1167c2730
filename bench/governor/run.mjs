#!/usr/bin/env node
// bench/governor: permits per second over HTTP (DESIGN §6 gate), loopback only.
//
//   node bench/governor/run.mjs [--seconds 10] [--concurrency 24] [--mode full|presigned]
//                               [--warmup 2] [--workers 1|0|N] [--cpu-prof DIR] [--client raw|node]
//
// Topology. --workers 1 (default): the log service in its own process and the governor in
// another, as they are deployed (DESIGN §6: the governor reaches the log over HTTP).
// --workers 0: both in this process (two HTTP servers on 127.0.0.1, as `xprov serve` does).
// --workers N: the governor in N node:cluster worker processes sharing one port and one SQLite
// store (WAL; every "once" rule is atomic in the store, so it holds across processes). Either way
// a separate load-generator process (load.mjs) runs `concurrency` agents for a bounded time; in
// the default `full` mode each permit is a timed POST /challenges, an Ed25519 signature by the
// agent and a POST /permits. Every permit is fully checked (presentation + chain proofs,
// challenge, validity, revocation, Cedar), signed, stored, and has its log index (the log's
// writer commits with synchronous=FULL) before it is returned. Everything runs on this machine.
//
// serverCpuMsPerPermit: CPU time (all threads) of every service process in the measured window,
// per permit — a load-independent figure on a shared machine.
import cluster from 'node:cluster';
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { didKeyFromPublicKey, generateKeyPair, keyPairToJson } from '../../packages/crypto/dist/index.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const seconds = arg('seconds', 10);
const concurrency = arg('concurrency', 24);
const warmupSeconds = arg('warmup', 2);
const workers = arg('workers', 1);
const clientAt = process.argv.indexOf('--client');
const client = clientAt === -1 ? 'raw' : process.argv[clientAt + 1];
if (client !== 'raw' && client !== 'node') throw new Error('--client raw|node');
const modeAt = process.argv.indexOf('--mode');
const mode = modeAt === -1 ? 'full' : process.argv[modeAt + 1];
if (mode !== 'full' && mode !== 'presigned') throw new Error('--mode full|presigned');
// --cpu-prof DIR: every service process and the generator write a V8 CPU profile into DIR on exit.
const profAt = process.argv.indexOf('--cpu-prof');
const execArgv = profAt === -1 ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.argv[profAt + 1]}`];
const here = (f) => fileURLToPath(new URL(f, import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'xprov-bench-gov-'));
/** Service processes (log, governor workers), each answering cpu-start / cpu-end / close. */
const children = [];
/** One IPC question; a child that does not answer within 5 s counts as 0 CPU (bounded wait). */
const ask = (child, msg) =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ cpu: { user: 0, system: 0 } }), 5000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m);
    });
    child.send(msg);
  });
let logUrl;
let gov;
let closeInProcess = async () => {};
if (workers === 0) {
  // XPROV_BENCH_ISSUER / XPROV_BENCH_LOG: another build of the services (an index.js path), to
  // compare two versions side by side in alternating runs on the same (shared) machine.
  const { startIssuerServer } = await import(process.env.XPROV_BENCH_ISSUER ?? '../../services/issuer/dist/index.js');
  const { startLogServer } = await import(process.env.XPROV_BENCH_LOG ?? '../../services/log/dist/index.js');
  const log = await startLogServer({ dataDir: join(dir, 'log'), port: 0, apiKey: 'bench-log-key' });
  logUrl = log.url;
  gov = await startIssuerServer({ dataDir: join(dir, 'gov'), port: 0, logUrl, logApiKey: 'bench-log-key' });
  closeInProcess = async () => {
    await gov.close();
    await log.close();
  };
} else {
  const logProc = fork(here('./service.mjs'), ['log', join(dir, 'log')], { execArgv });
  children.push(logProc);
  logUrl = (await new Promise((r) => logProc.once('message', r))).url;
  // The first worker creates the data dir (key, schema, admin key); the others open it.
  mkdirSync(join(dir, 'gov'), { recursive: true, mode: 0o700 });
  cluster.setupPrimary({ exec: here('./service.mjs'), args: ['governor', join(dir, 'gov'), logUrl], execArgv });
  for (let i = 0; i < workers; i++) {
    const w = cluster.fork();
    children.push(w.process);
    const info = await new Promise((r) => w.once('message', r));
    if (i === 0) gov = info;
  }
}
const POLICY = `permit (principal, action == Action::"payments:transfer", resource)
when { resource.id like "acct:ops/*" && decimal(context.parameters.amount).lessThanOrEqual(decimal("500.00")) };`;

const post = async (path, key, body) => {
  const r = await fetch(`${gov.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return r.json();
};
const authority = await post('/authorities', gov.adminApiKey, { method: 'key' });
const agentKey = generateKeyPair();
const agentDid = didKeyFromPublicKey(agentKey.publicKeyMultibase).did;
const apiKey = (await post('/api-keys', gov.adminApiKey, { role: 'agent', subject: agentDid })).apiKey;
const { grant } = await post('/grants', authority.apiKey, {
  agent: agentDid,
  actions: ['payments:transfer'],
  resources: ['acct:ops/*'],
  policy: { source: POLICY },
  validUntil: new Date(Date.now() + 3600_000).toISOString(),
});
const config = join(dir, 'config.json');
writeFileSync(config, JSON.stringify({ url: gov.url, apiKey, key: keyPairToJson(agentKey), grant, seconds, concurrency, mode, warmupSeconds, client }));

// The child reports the measured window over IPC; the CPU time of every service process in that
// window (all threads) per permit is the load-independent cost, useful on a shared machine.
const child = fork(here('./load.mjs'), [config], { stdio: ['inherit', 'pipe', 'inherit', 'ipc'], execArgv });
let cpu0;
let cpuMs = 0;
const cpuBy = {};
let measured;
child.on('message', (m) => {
  if (m === 'start') {
    cpu0 = process.cpuUsage();
    for (const c of children) c.send('cpu-start');
  }
  if (m === 'end') {
    const own = process.cpuUsage(cpu0);
    cpuMs += (own.user + own.system) / 1000;
    cpuBy[workers === 0 ? 'governor+log' : 'primary'] = (own.user + own.system) / 1000;
    measured = Promise.all(children.map((c) => ask(c, 'cpu-end'))).then((all) => {
      all.forEach(({ cpu }, i) => {
        cpuMs += (cpu.user + cpu.system) / 1000;
        cpuBy[i === 0 ? 'log' : `governor${i}`] = (cpu.user + cpu.system) / 1000;
      });
    });
  }
});
let out = '';
child.stdout.on('data', (d) => {
  out += d;
});
const code = await new Promise((resolve) => child.on('exit', resolve));
await measured;
let result;
try {
  result = JSON.parse(out.trim().split('\n').pop());
} catch {
  // The generator failed (its stderr is above): stop every service process before leaving.
  for (const c of children) c.kill();
  await closeInProcess();
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ error: `load generator exited with ${code} without a result` }));
  process.exit(1);
}
result.workers = workers;
if (result.permits > 0) {
  result.serverCpuMsPerPermit = Number((cpuMs / result.permits).toFixed(3));
  result.cpuMsPerPermitBy = Object.fromEntries(Object.entries(cpuBy).map(([k, v]) => [k, Number((v / result.permits).toFixed(3))]));
}
console.log(JSON.stringify(result));
await closeInProcess();
for (const c of children) c.send('close');
await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))));
rmSync(dir, { recursive: true, force: true });
process.exit(code ?? 1);
