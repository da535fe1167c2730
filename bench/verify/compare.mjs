#!/usr/bin/env node
// bench/verify/compare.mjs: before/after of a verifier change in one process, interleaved with the
// native floor, so both builds see the same machine load. Build the "before" tree elsewhere, e.g.
//   mkdir /tmp/before && git archive <commit> packages tsconfig.base.json package.json | tar -x -C /tmp/before
//   (link node_modules as in this checkout, then tsc -p tsconfig.build.json in format crypto did
//   policy log-core verifier)
// Usage: node bench/verify/compare.mjs --before /tmp/before/packages/verifier/dist/index.js [--rounds 40] [--vc]
// Both builds run with default options, as run.mjs and xprov-verify call verifyBundle. --vc also
// interleaves @digitalbazaar/vc verifying the same bundle, as run.mjs does: its garbage and heap
// then weigh on the xprov measures as in run.mjs (their medians there run higher than without).
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({ options: { before: { type: 'string' }, rounds: { type: 'string', default: '40' }, vc: { type: 'boolean' } } });
if (!args.before) {
  console.error('usage: node bench/verify/compare.mjs --before PATH/TO/packages/verifier/dist/index.js [--rounds N]');
  process.exit(2);
}
const { verifyBundle: before } = await import(pathToFileURL(resolve(args.before)).href);
const { verifyBundle: after } = await import('@xprov/verifier');

const vector = JSON.parse(readFileSync(join(here, '../../test-vectors/vectors/valid-delegation-2.json'), 'utf8'));
const text = JSON.stringify(vector.bundle);
const copies = Array.from({ length: 64 }, () => JSON.parse(text));
const floorSet = Array.from({ length: 9 }, (_, i) => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const msg = Buffer.alloc(64, i);
  return { publicKey, msg, sig: sign(null, msg, privateKey) };
});
let k = 0;
const measures = {
  before: async () => {
    if ((await before(copies[k++ % 64], vector.trust)).verdict !== 'valid') throw new Error('before: not valid');
  },
  after: async () => {
    if ((await after(copies[k++ % 64], vector.trust)).verdict !== 'valid') throw new Error('after: not valid');
  },
  floor: async () => {
    for (const s of floorSet) if (!verify(null, s.msg, s.publicKey, s.sig)) throw new Error('floor verify failed');
  },
};
if (args.vc) {
  // (b) of run.mjs: each credential with verifyCredential, each presentation's proof with jsonld-signatures.
  const { DataIntegrityProof } = await import('@digitalbazaar/data-integrity');
  const jcsSuite = await import('@digitalbazaar/eddsa-jcs-2022-cryptosuite');
  const vc = await import('@digitalbazaar/vc');
  const { default: jsigs } = await import('jsonld-signatures');
  const { createDocumentLoader, didKeyDocument } = await import('@xprov/crypto');
  const base = createDocumentLoader();
  const documentLoader = async (url) => {
    if (url.startsWith('did:key:')) {
      const [did, fragment] = url.split('#');
      const doc = didKeyDocument(did);
      return { contextUrl: null, documentUrl: url, document: fragment ? { '@context': doc['@context'], ...doc.verificationMethod[0] } : doc };
    }
    return base(url);
  };
  const now = new Date(vector.bundle.permit.credentialSubject.evaluation.evaluatedAt);
  const suite = () => new DataIntegrityProof({ cryptosuite: jcsSuite.createVerifyCryptosuite() });
  const checkStatus = async () => ({ verified: true });
  measures.vc = async () => {
    const b = copies[k++ % 64];
    for (const credential of [...b.grants, ...b.statusLists, b.permit, b.outcome]) {
      if (!(await vc.verifyCredential({ credential, suite: suite(), documentLoader, checkStatus, now })).verified) throw new Error('vc: not verified');
    }
    for (const [presentation, challenge] of [
      [b.presentations.request, b.permit.credentialSubject.presentation.challenge],
      [b.presentations.report, b.presentations.report.proof.challenge],
    ]) {
      const purpose = new jsigs.purposes.AuthenticationProofPurpose({ challenge });
      if (!(await jsigs.verify(presentation, { suite: suite(), purpose, documentLoader })).verified) throw new Error('vc: presentation not verified');
    }
  };
}
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
console.log(`p50 ms: before ${m.before.toFixed(3)}  after ${m.after.toFixed(3)}  floor ${m.floor.toFixed(3)}${m.vc === undefined ? '' : `  @digitalbazaar/vc ${m.vc.toFixed(3)}`}`);
const c = Object.fromEntries(names.map((n) => [n, p50(cpu[n])]));
console.log(`main-thread CPU ms (p50 of blocks): before ${c.before.toFixed(3)}  after ${c.after.toFixed(3)}  floor ${c.floor.toFixed(3)}`);
console.log(`/ floor: before ${(m.before / m.floor).toFixed(2)}  after ${(m.after / m.floor).toFixed(2)}  (load ${loadavg()[0].toFixed(1)})`);
