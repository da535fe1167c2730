// The load generator of bench/governor (a separate process, 127.0.0.1 only). Each simulated agent
// has one keep-alive connection: by default http1.mjs (a minimal HTTP/1.1 client, so that the
// generator's CPU goes to the agents' signatures), or node:http with `client: 'node'`.
//
// Mode `full` (default, the honest one): each of `concurrency` agents loops
//   POST /challenges → sign the request presentation over that challenge → POST /permits
// so every permit costs the governor two requests and the generator one Ed25519 signature, all
// timed. Mode `presigned`: challenges are fetched and presentations signed before the clock
// starts, and only POST /permits is timed (the gate alone).
// Reports permits/s, requests/s (challenges + permits), and p50/p99 of POST /permits and of the
// whole challenge + sign + permit cycle.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { keyPairFromJson, signPresentation } from '../../packages/crypto/dist/index.js';
import { Http1Connection } from './http1.mjs';
import { buildRequestPresentation } from '../../packages/format/dist/index.js';

const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const base = new URL(cfg.url);
if (base.hostname !== '127.0.0.1') throw new Error('loopback only');
const mode = cfg.mode ?? 'full';
const key = keyPairFromJson(cfg.key);
const did = cfg.grant.credentialSubject.id;
const client = cfg.client ?? 'raw';
const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.concurrency });
const headers = { authorization: `Bearer ${cfg.apiKey}`, 'content-type': 'application/json' };

/** One keep-alive request with node:http; resolves with status and body text. */
function nodeRequest(path, body) {
  return new Promise((resolve) => {
    const h = { ...headers, 'content-length': body ? Buffer.byteLength(body) : 0 };
    const req = http.request({ host: base.hostname, port: base.port, path, method: 'POST', agent, headers: h }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (e) => resolve({ status: 0, text: String(e) }));
    req.end(body);
  });
}

/** A simulated agent's connection: `request(path, body)` → { status, text }. */
function connection() {
  if (client === 'node') return { request: nodeRequest, close() {} };
  const c = new Http1Connection(base.hostname, Number(base.port));
  return { request: (path, body) => c.request('POST', path, headers, body), close: () => c.close() };
}

// The agent's side is kept cheap so that the generator leaves the CPU to the services: the
// unsigned request for each of 500 amounts is built (and schema-checked) once; each permit then
// takes a copy with a fresh presentation id, signed over a fresh challenge (eddsa-jcs-2022).
const templates = Array.from({ length: 500 }, (_, i) =>
  buildRequestPresentation({ agent: did, grants: [cfg.grant], action: 'payments:transfer', resource: 'acct:ops/payroll', parameters: { amount: `${i}.00` } }),
);
let n = 0;
async function signedBody(conn) {
  const ch = await conn.request('/challenges');
  if (ch.status !== 201) return { error: ch.status };
  const { challenge, domain } = JSON.parse(ch.text);
  const vp = { ...templates[n++ % templates.length], id: `urn:uuid:${randomUUID()}` };
  const presentation = await signPresentation(vp, { keyPair: key, challenge, domain });
  return { body: JSON.stringify({ presentation, limits: { maxInvocations: 1 } }) };
}

const stats = { permits: 0, errors: 0, requests: 0, permitLat: [], cycleLat: [] };
let firstError;
async function permit(conn, body, cycleStart, count) {
  const t = performance.now();
  const res = await conn.request('/permits', body);
  const done = performance.now();
  if (!count) return;
  stats.requests++;
  if (res.status === 201) {
    stats.permits++;
    stats.permitLat.push(done - t);
    if (cycleStart !== undefined) stats.cycleLat.push(done - cycleStart);
  } else {
    stats.errors++;
    firstError ??= `${res.status} ${res.text.slice(0, 300)}`;
  }
}

const conns = Array.from({ length: cfg.concurrency }, connection);

// Warm-up (JIT, caches, connections), not counted.
const warm = performance.now() + (cfg.warmupSeconds ?? 2) * 1000;
await Promise.all(
  conns.map(async (conn) => {
    while (performance.now() < warm) {
      const b = await signedBody(conn);
      if (b.body) await permit(conn, b.body, undefined, false);
    }
  }),
);

const bodies = [];
if (mode === 'presigned') {
  const need = cfg.presigned ?? cfg.seconds * 2000;
  for (let i = 0; i < need; i += cfg.concurrency) {
    const batch = await Promise.all(conns.slice(0, Math.min(cfg.concurrency, need - i)).map(signedBody));
    bodies.push(...batch.filter((b) => b.body).map((b) => b.body));
  }
}

process.send?.('start');
const cpu0 = process.cpuUsage();
const start = performance.now();
const end = start + cfg.seconds * 1000;
async function worker(conn) {
  while (performance.now() < end) {
    if (mode === 'presigned') {
      const body = bodies.pop();
      if (body === undefined) break;
      await permit(conn, body, undefined, true);
    } else {
      const t = performance.now();
      const b = await signedBody(conn);
      stats.requests++;
      if (b.body === undefined) {
        stats.errors++;
        continue;
      }
      await permit(conn, b.body, t, true);
    }
  }
}
await Promise.all(conns.map(worker));
process.send?.('end');
const cpu = process.cpuUsage(cpu0);
const elapsed = (performance.now() - start) / 1000;
const q = (xs, p) => {
  xs.sort((a, b) => a - b);
  const v = xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  return v === undefined ? null : Number(v.toFixed(1));
};
const result = {
  mode,
  client,
  concurrency: cfg.concurrency,
  seconds: Number(elapsed.toFixed(2)),
  permits: stats.permits,
  errors: stats.errors,
  permitsPerSecond: Math.round(stats.permits / elapsed),
  requestsPerSecond: Math.round(stats.requests / elapsed),
  permitP50ms: q(stats.permitLat, 0.5),
  permitP99ms: q(stats.permitLat, 0.99),
  ...(mode === 'full' ? { cycleP50ms: q(stats.cycleLat, 0.5), cycleP99ms: q(stats.cycleLat, 0.99) } : { exhausted: bodies.length === 0 }),
  generatorCpuMsPerPermit: stats.permits > 0 ? Number(((cpu.user + cpu.system) / 1000 / stats.permits).toFixed(3)) : null,
  ...(firstError === undefined ? {} : { firstError }),
};
console.log(JSON.stringify(result));
agent.destroy();
for (const c of conns) c.close();
process.disconnect?.();
