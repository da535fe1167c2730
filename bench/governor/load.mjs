// The load generator of bench/governor (a separate process): pre-signs presentations over
// fresh challenges (untimed), then POSTs /permits with bounded concurrency for a bounded time.
import { readFileSync } from 'node:fs';
import { keyPairFromJson, signPresentation } from '../../packages/crypto/dist/index.js';
import { buildRequestPresentation } from '../../packages/format/dist/index.js';

const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const key = keyPairFromJson(cfg.key);
const did = cfg.grant.credentialSubject.id;
const headers = { authorization: `Bearer ${cfg.apiKey}`, 'content-type': 'application/json' };

// Enough presentations for the run at up to 4,000 permits/s; challenges live 120 s.
const target = Math.min(cfg.seconds * 4000, 60_000);
const bodies = [];
const t0 = performance.now();
for (let i = 0; i < target; i += 200) {
  const batch = await Promise.all(
    Array.from({ length: Math.min(200, target - i) }, async (_, j) => {
      const ch = await (await fetch(`${cfg.url}/challenges`, { method: 'POST', headers })).json();
      const vp = buildRequestPresentation({ agent: did, grants: [cfg.grant], action: 'payments:transfer', resource: 'acct:ops/payroll', parameters: { amount: `${(i + j) % 500}.00` } });
      const presentation = await signPresentation(vp, { keyPair: key, challenge: ch.challenge, domain: ch.domain });
      return JSON.stringify({ presentation, limits: { maxInvocations: 1 } });
    }),
  );
  bodies.push(...batch);
}
process.stderr.write(`prepared ${bodies.length} presentations in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

// Warm-up (JIT, caches), not counted.
let next = 0;
for (let i = 0; i < 200; i++) await fetch(`${cfg.url}/permits`, { method: 'POST', headers, body: bodies[next++] });

const latencies = [];
let errors = 0;
const end = performance.now() + cfg.seconds * 1000;
const start = performance.now();
async function worker() {
  while (performance.now() < end && next < bodies.length) {
    const body = bodies[next++];
    const t = performance.now();
    const res = await fetch(`${cfg.url}/permits`, { method: 'POST', headers, body });
    await res.arrayBuffer();
    if (res.status === 201) latencies.push(performance.now() - t);
    else errors++;
  }
}
await Promise.all(Array.from({ length: cfg.concurrency }, worker));
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(1);
const result = {
  permits: latencies.length,
  errors,
  seconds: Number(elapsed.toFixed(2)),
  permitsPerSecond: Math.round(latencies.length / elapsed),
  p50ms: Number(q(0.5)),
  p99ms: Number(q(0.99)),
  concurrency: cfg.concurrency,
  exhausted: next >= bodies.length,
};
console.log(JSON.stringify(result));
