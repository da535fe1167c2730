#!/usr/bin/env node
// bench/verify soak: verify one bundle N times in one process (default 40,000), printing memory
// and the running mean every 5,000, and failing on any verdict other than `valid`. It exists for
// long-run faults that a timed run is too short to meet: on Node 20 (V8 11.3) it used to end,
// about one run in two, in a V8 fatal error (`unreachable code` in
// Deoptimizer::DoComputeBuiltinContinuation) — see packages/policy/src/v8-workaround.ts. Run it
// with `node --trace-deopt bench/verify/soak.mjs` to see the last deoptimization before a crash.
//
//   node bench/verify/soak.mjs [N] [vector.json]     (after `pnpm exec turbo run build`)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { verifyBundle } = await import('../../packages/verifier/dist/index.js');
const N = Number(process.argv[2] ?? 40_000);
const file = process.argv[3] ?? fileURLToPath(new URL('../../test-vectors/vectors/valid-delegation-2.json', import.meta.url));
const vector = JSON.parse(readFileSync(file, 'utf8'));
const text = JSON.stringify(vector.bundle);
const t = performance.now();
const mb = (n) => Math.round(n / 1e6);
for (let i = 0; i < N; i++) {
  // A fresh parse each time, as a verifier service would get it.
  const r = await verifyBundle(JSON.parse(text), vector.trust);
  if (r.verdict !== vector.expected.verdict) throw new Error(`iteration ${i}: verdict ${r.verdict}, expected ${vector.expected.verdict}`);
  if (i % 5000 === 0 || i === N - 1) {
    const m = process.memoryUsage();
    console.log(`${i + 1} verified, rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB, ${((performance.now() - t) / (i + 1)).toFixed(2)} ms mean`);
  }
}
console.log(`done: ${N} verifications in one process`);
