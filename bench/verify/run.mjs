#!/usr/bin/env node
// bench/verify: time to verify one provenance bundle (root grant + 2 delegations, permit, outcome,
// 2 presentations, status list, receipts; eddsa-jcs-2022), side by side in one run with
//   (a) the native floor: node:crypto verifying the same number of Ed25519 signatures, and
//   (b) @digitalbazaar/vc verifying the same credentials and presentations one by one.
// Measures are interleaved in rounds (same process, same inputs, all warm) so machine load falls
// on all of them alike. Not part of the test suite. Usage: node bench/verify/run.mjs [--iterations N] [--json]
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as jcsSuite from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { cryptosuite as rdfcSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import { createDocumentLoader, didKeyDocument } from '@xprov/crypto';
import { buildScenario } from '@xprov/test-vectors';
import { verifyBundle } from '@xprov/verifier';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({ options: { iterations: { type: 'string', default: '300' }, json: { type: 'boolean' } } });
const N = Number(args.iterations);
const WARMUP = Math.max(20, Math.floor(N / 5));

const vectorPath = join(here, '../../test-vectors/vectors/valid-delegation-2.json');
const vector = JSON.parse(readFileSync(vectorPath, 'utf8'));
const text = JSON.stringify(vector.bundle);
const { trust } = vector;

// ── xprov: verifyBundle as xprov-verify calls it (default options) ──
const xprov = async ({ bundle, trust }) => {
  // Default options, as xprov-verify runs it: checkpoint signatures on node:crypto via the thread pool.
  const r = await verifyBundle(bundle, trust);
  if (r.verdict !== 'valid') throw new Error(`bench bundle did not verify: ${JSON.stringify(r.checks.filter((c) => !c.ok))}`);
};

// The signatures a verifier must check: every Data Integrity proof + the checkpoint's note signature.
const b = vector.bundle;
const proofs = [...b.grants, ...b.statusLists, b.permit, b.outcome, b.presentations.request, b.presentations.report];
const checkpoints = new Set(b.receipts.map((r) => r.checkpoint));
const SIGNATURES = proofs.length + checkpoints.size;

// ── (a) native floor: node:crypto Ed25519 verify of SIGNATURES signatures over 64-byte messages
// (the size of eddsa-jcs-2022 hash data), keys imported once as the verifier's cache does. ──
const floorSet = Array.from({ length: SIGNATURES }, (_, i) => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const msg = Buffer.alloc(64, i);
  return { publicKey, msg, sig: sign(null, msg, privateKey) };
});
const native = async () => {
  for (const s of floorSet) if (!verify(null, s.msg, s.publicKey, s.sig)) throw new Error('floor verify failed');
};

// ── (b) @digitalbazaar/vc: each credential with verifyCredential, each presentation's proof with
// jsonld-signatures (authentication purpose + challenge), at the execution time. ──
const base = createDocumentLoader();
const documentLoader = async (url) => {
  if (url.startsWith('did:key:')) {
    const [did, fragment] = url.split('#');
    const doc = didKeyDocument(did);
    const document = fragment ? { '@context': doc['@context'], ...doc.verificationMethod[0] } : doc;
    return { contextUrl: null, documentUrl: url, document };
  }
  return base(url);
};
const T = new Date(b.permit.credentialSubject.evaluation.evaluatedAt);
const suite = (rdfc) => new DataIntegrityProof({ cryptosuite: rdfc ? rdfcSuite : jcsSuite.createVerifyCryptosuite() });
const checkStatus = async () => ({ verified: true });
const digitalbazaar = async ({ bundle }) => {
  const rdfc = bundle.permit.proof.cryptosuite === 'eddsa-rdfc-2022';
  for (const credential of [...bundle.grants, ...bundle.statusLists, bundle.permit, bundle.outcome]) {
    const r = await vc.verifyCredential({ credential, suite: suite(rdfc), documentLoader, checkStatus, now: T });
    if (!r.verified) throw new Error(`@digitalbazaar/vc: ${r.error?.message ?? JSON.stringify(r)}`);
  }
  for (const [presentation, challenge] of [
    [bundle.presentations.request, bundle.permit.credentialSubject.presentation.challenge],
    [bundle.presentations.report, bundle.presentations.report.proof.challenge],
  ]) {
    const r = await jsigs.verify(presentation, {
      suite: suite(rdfc),
      purpose: new jsigs.purposes.AuthenticationProofPurpose({ challenge }),
      documentLoader,
    });
    if (!r.verified) throw new Error(`jsonld-signatures: ${r.error?.message ?? JSON.stringify(r)}`);
  }
};

function median(xs) {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

/** Median over rounds of a's block median / b's block median in the same round (robust to load that changes between rounds). */
function pairedRatio(a, b) {
  return median(a.rounds.map((x, i) => x / b.rounds[i]));
}

/**
 * Measures several functions interleaved: after a warm-up of each, ROUNDS rounds each run every
 * measure for a short block of iterations, in an order that rotates per round, so that load from
 * other processes on this shared machine falls on all of them alike. Returns one row per measure.
 */
async function interleaved(measures, total) {
  const ROUNDS = 20;
  const per = Math.max(1, Math.ceil(total / ROUNDS));
  const samples = measures.map(() => []);
  // Per round and measure, the block's median: paired ratios compare blocks run back to back.
  const roundMedians = measures.map(() => []);
  for (const m of measures) for (let i = 0; i < WARMUP; i++) await m.fn(m.copies[i % m.copies.length]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < measures.length; k++) {
      const j = (round + k) % measures.length;
      const m = measures[j];
      for (let i = 0; i < per; i++) {
        const input = m.copies[(round * per + i) % m.copies.length];
        const t0 = performance.now();
        await m.fn(input);
        samples[j].push(performance.now() - t0);
      }
      roundMedians[j].push(median(samples[j].slice(-per)));
    }
  }
  return measures.map((m, j) => {
    const rounds = roundMedians[j];
    const s = samples[j].sort((x, y) => x - y);
    const n = s.length;
    return { name: m.name, n, mean: s.reduce((a, x) => a + x, 0) / n, p50: s[Math.floor(n / 2)], p99: s[Math.floor(n * 0.99)], rounds };
  });
}

// Fresh objects per run, parsed outside the timed section, so no cache keyed on object identity helps.
const copies = Array.from({ length: 64 }, () => ({ bundle: JSON.parse(text), trust }));
const rows = await interleaved(
  [
    { name: 'xprov verifyBundle', fn: xprov, copies },
    { name: `node:crypto floor (${SIGNATURES} Ed25519 verifies)`, fn: native, copies: [null] },
    { name: '@digitalbazaar/vc one by one', fn: digitalbazaar, copies },
  ],
  N,
);
// Secondary: the same execution with every proof in eddsa-rdfc-2022 (JSON-LD canonicalization).
const rdfcScenario = await buildScenario({ delegations: 2, suite: 'eddsa-rdfc-2022' });
const rdfcText = JSON.stringify(rdfcScenario.bundle);
const rdfcCopies = Array.from({ length: 8 }, () => ({ bundle: JSON.parse(rdfcText), trust: rdfcScenario.trust }));
rows.push(
  ...(await interleaved(
    [
      { name: 'xprov verifyBundle (rdfc bundle)', fn: xprov, copies: rdfcCopies },
      { name: '@digitalbazaar/vc one by one (rdfc bundle)', fn: digitalbazaar, copies: rdfcCopies },
    ],
    Math.max(20, Math.floor(N / 10)),
  )),
);
const [x, f, d, xr, dr] = rows;
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
  iterations: N,
  bundle: 'test-vectors/vectors/valid-delegation-2.json',
  loadAverage: (await import('node:os')).loadavg().map((l) => +l.toFixed(2)),
  signatures: SIGNATURES,
  ms: Object.fromEntries(rows.map((r) => [r.name, { mean: +r.mean.toFixed(3), p50: +r.p50.toFixed(3), p99: +r.p99.toFixed(3) }])),
  // Ratios of medians (robust on a shared machine); ratios of means alongside.
  ratios: {
    vsNativeFloor: +(x.p50 / f.p50).toFixed(2),
    vsDigitalbazaar: +(x.p50 / d.p50).toFixed(3),
    rdfcVsDigitalbazaar: +(xr.p50 / dr.p50).toFixed(3),
  },
  // Median over the 20 rounds of the per-round ratio of block medians: each pair ran back to back.
  pairedRatios: {
    vsNativeFloor: +pairedRatio(x, f).toFixed(2),
    vsDigitalbazaar: +pairedRatio(x, d).toFixed(3),
    rdfcVsDigitalbazaar: +pairedRatio(xr, dr).toFixed(3),
  },
  ratiosOfMeans: {
    vsNativeFloor: +(x.mean / f.mean).toFixed(2),
    vsDigitalbazaar: +(x.mean / d.mean).toFixed(3),
    rdfcVsDigitalbazaar: +(xr.mean / dr.mean).toFixed(3),
  },
  targets: { vsNativeFloor: 2.0, vsDigitalbazaar: 0.33 },
};
result.pass = { vsNativeFloor: result.ratios.vsNativeFloor <= 2.0, vsDigitalbazaar: result.ratios.vsDigitalbazaar <= 0.33 };

if (args.json) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  for (const r of rows) console.log(`${r.name.padEnd(44)} mean ${r.mean.toFixed(3)} ms  p50 ${r.p50.toFixed(3)}  p99 ${r.p99.toFixed(3)}`);
  console.log(`ratio of medians xprov / native floor   ${result.ratios.vsNativeFloor}  (target ≤ 2.0)  ${result.pass.vsNativeFloor ? 'PASS' : 'FAIL'}`);
  console.log(`ratio of medians xprov / digitalbazaar  ${result.ratios.vsDigitalbazaar}  (target ≤ 0.33) ${result.pass.vsDigitalbazaar ? 'PASS' : 'FAIL'}`);
  console.log(`ratio of medians xprov / digitalbazaar, rdfc bundle  ${result.ratios.rdfcVsDigitalbazaar}  (informative)`);
  console.log(`paired (median of per-round ratios): vs floor ${result.pairedRatios.vsNativeFloor}, vs digitalbazaar ${result.pairedRatios.vsDigitalbazaar}, rdfc ${result.pairedRatios.rdfcVsDigitalbazaar}`);
}
writeFileSync(join(here, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
