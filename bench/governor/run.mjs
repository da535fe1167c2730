#!/usr/bin/env node
// bench/governor: permits per second over HTTP (DESIGN §6 gate), loopback only.
//
//   node bench/governor/run.mjs [--seconds 10] [--concurrency 32] [--mode full|presigned] [--warmup 2]
//
// This process runs the log service and the governor (each its own HTTP server on 127.0.0.1,
// SQLite in a temp dir). A separate load-generator process (load.mjs) runs `concurrency` agents
// for a bounded time; in the default `full` mode each permit is a timed POST /challenges, an
// Ed25519 signature by the agent and a POST /permits (see load.mjs).
// Each permit is fully checked (presentation + chain proofs, challenge, Cedar policy), signed,
// and has its log index before it is returned.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { didKeyFromPublicKey, generateKeyPair, keyPairToJson } from '../../packages/crypto/dist/index.js';

// XPROV_BENCH_ISSUER / XPROV_BENCH_LOG: another build of the services (an index.js path), to
// compare two versions side by side in alternating runs on the same (shared) machine.
const { startIssuerServer } = await import(process.env.XPROV_BENCH_ISSUER ?? '../../services/issuer/dist/index.js');
const { startLogServer } = await import(process.env.XPROV_BENCH_LOG ?? '../../services/log/dist/index.js');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const seconds = arg('seconds', 10);
const concurrency = arg('concurrency', 32);
const warmupSeconds = arg('warmup', 2);
const modeAt = process.argv.indexOf('--mode');
const mode = modeAt === -1 ? 'full' : process.argv[modeAt + 1];
if (mode !== 'full' && mode !== 'presigned') throw new Error('--mode full|presigned');

const POLICY = `permit (principal, action == Action::"payments:transfer", resource)
when { resource.id like "acct:ops/*" && decimal(context.parameters.amount).lessThanOrEqual(decimal("500.00")) };`;

const dir = mkdtempSync(join(tmpdir(), 'xprov-bench-gov-'));
const log = await startLogServer({ dataDir: join(dir, 'log'), port: 0, apiKey: 'bench-log-key' });
const gov = await startIssuerServer({ dataDir: join(dir, 'gov'), port: 0, logUrl: log.url, logApiKey: 'bench-log-key' });
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
writeFileSync(config, JSON.stringify({ url: gov.url, apiKey, key: keyPairToJson(agentKey), grant, seconds, concurrency, mode, warmupSeconds }));

// The child reports the measured window over IPC; this process's CPU time in that window (both
// services, all threads) per permit is the load-independent cost, useful on a shared machine.
const child = fork(fileURLToPath(new URL('./load.mjs', import.meta.url)), [config], { stdio: ['inherit', 'pipe', 'inherit', 'ipc'] });
let cpu0;
let cpu;
child.on('message', (m) => {
  if (m === 'start') cpu0 = process.cpuUsage();
  if (m === 'end') cpu = process.cpuUsage(cpu0);
});
let out = '';
child.stdout.on('data', (d) => {
  out += d;
});
const code = await new Promise((resolve) => child.on('exit', resolve));
const result = JSON.parse(out.trim().split('\n').pop());
if (cpu !== undefined && result.permits > 0) result.serverCpuMsPerPermit = Number(((cpu.user + cpu.system) / 1000 / result.permits).toFixed(3));
console.log(JSON.stringify(result));
await gov.close();
await log.close();
rmSync(dir, { recursive: true, force: true });
process.exit(code ?? 1);
