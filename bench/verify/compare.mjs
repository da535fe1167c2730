#!/usr/bin/env node
// bench/verify/compare.mjs: before/after of a verifier change in one process, interleaved with the
// native floor, so both builds see the same machine load. Build the "before" tree elsewhere, e.g.
//   mkdir /tmp/before && git archive <commit> packages tsconfig.base.json package.json | tar -x -C /tmp/before
//   (link node_modules as in this checkout, then tsc -p tsconfig.build.json in format crypto did
//   policy log-core verifier)
// Usage: node bench/verify/compare.mjs --before /tmp/before/packages/verifier/dist/index.js [--rounds 40]
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({ options: { before: { type: 'string' }, rounds: { type: 'string', default: '40' } } });
if (!args.before) {
  console.error('usage: node bench/verify/compare.mjs --before PATH/TO/packages/verifier/dist/index.js [--rounds N]');
  process.exit(2);
}
const { verifyBundle: before } = await import(pathToFileURL(resolve(args.before)).href);
const { verifyBundle: after } = await import('@xprov/verifier');

const vector = JSON.parse(readFileSync(join(here, '../../test-vectors/vectors/valid-delegation-2.json'), 'utf8'));
const text = JSON.stringify(vector.bundle);
const copies = Array.from({ length: 64 }, () => JSON.parse(text));
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map();
const nodeEd25519 = (pub, msg, sig) => {
  const id = Buffer.from(pub).toString('hex');
  let key = keys.get(id);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, pub]), format: 'der', type: 'spki' });
    keys.set(id, key);
  }
  return verify(null, msg, key, sig);
};
const floorSet = Array.from({ length: 9 }, (_, i) => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const msg = Buffer.alloc(64, i);
  return { publicKey, msg, sig: sign(null, msg, privateKey) };
});
let k = 0;
const measures = {
  before: async () => {
    if ((await before(copies[k++ % 64], vector.trust, { verifyEd25519: nodeEd25519 })).verdict !== 'valid') throw new Error('before: not valid');
  },
  after: async () => {
    if ((await after(copies[k++ % 64], vector.trust, { verifyEd25519: nodeEd25519 })).verdict !== 'valid') throw new Error('after: not valid');
  },
  floor: async () => {
    for (const s of floorSet) if (!verify(null, s.msg, s.publicKey, s.sig)) throw new Error('floor verify failed');
  },
};
const names = Object.keys(measures);
const samples = Object.fromEntries(names.map((n) => [n, []]));
// Main-thread CPU time (Linux: /proc/self/task/<pid>/schedstat, ns): what a change saves on the
// calling thread, much less sensitive to other processes' load than wall time.
const schedstat = `/proc/self/task/${process.pid}/schedstat`;
const cpuMs = () => {
  try {
    return Number(readFileSync(schedstat, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
};
const cpu = Object.fromEntries(names.map((n) => [n, []]));
for (const n of names) for (let i = 0; i < 100; i++) await measures[n]();
for (let r = 0; r < Number(args.rounds); r++) {
  for (let j = 0; j < names.length; j++) {
    const n = names[(r + j) % names.length];
    const c0 = cpuMs();
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      await measures[n]();
      samples[n].push(performance.now() - t0);
    }
    cpu[n].push((cpuMs() - c0) / 15);
  }
}
const p50 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = Object.fromEntries(names.map((n) => [n, p50(samples[n])]));
console.log(`p50 ms: before ${m.before.toFixed(3)}  after ${m.after.toFixed(3)}  floor ${m.floor.toFixed(3)}`);
const c = Object.fromEntries(names.map((n) => [n, p50(cpu[n])]));
console.log(`main-thread CPU ms (p50 of blocks): before ${c.before.toFixed(3)}  after ${c.after.toFixed(3)}  floor ${c.floor.toFixed(3)}`);
console.log(`/ floor: before ${(m.before / m.floor).toFixed(2)}  after ${(m.after / m.floor).toFixed(2)}  (load ${loadavg()[0].toFixed(1)})`);
