/**
 * Attacker input never verifies and never escapes as an uncoded error: random byte flips of
 * every export (deterministic PRNG, bounded runs).
 */
import { isXprovError, jcs } from '@xprov/format';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ScittEntry, exportScitt, exportSigstore, verifyScittReceipt, verifySignedStatement, verifySigstoreExport } from '../src/index.js';
import { type BundleVector, clone, governor, loadVector, logKeyOf } from './fixtures.js';

/** mulberry32: a small deterministic PRNG so failures reproduce. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function flip(bytes: Uint8Array, rnd: () => number): Uint8Array {
  const out = Uint8Array.from(bytes);
  const i = Math.floor(rnd() * out.length);
  out[i] = (out[i] as number) ^ (1 + Math.floor(rnd() * 255));
  return out;
}

describe('random mutations', () => {
  let v: BundleVector;
  let entries: ScittEntry[];
  beforeAll(async () => {
    v = loadVector('valid-delegation-1');
    entries = await exportScitt(v.bundle, { keyPair: governor, logKey: logKeyOf(v) });
  });

  it('of a Sigstore bundle (payload, signature, JSON text) never verify and never throw', async () => {
    const { bundle } = await exportSigstore(v.bundle, { keyPair: governor });
    const rnd = prng(1);
    const text = JSON.stringify(bundle);
    for (let n = 0; n < 150; n++) {
      let candidate: unknown;
      const kind = n % 3;
      if (kind === 2) {
        const i = Math.floor(rnd() * text.length);
        const mutated = text.slice(0, i) + String.fromCharCode(33 + Math.floor(rnd() * 90)) + text.slice(i + 1);
        try {
          candidate = JSON.parse(mutated);
        } catch {
          candidate = undefined;
        }
        if (mutated === text) continue;
      } else {
        const t = clone(bundle) as { dsseEnvelope: { payload: string; signatures: Array<{ sig: string }> } };
        const env = t.dsseEnvelope;
        const sig0 = env.signatures[0] as { sig: string };
        if (kind === 0) env.payload = Buffer.from(flip(Buffer.from(env.payload, 'base64'), rnd)).toString('base64');
        else sig0.sig = Buffer.from(flip(Buffer.from(sig0.sig, 'base64'), rnd)).toString('base64');
        candidate = t;
      }
      const r = await verifySigstoreExport(candidate, v.trust);
      if (r.verdict === 'valid') {
        // Only unsigned, ignored JSON (e.g. an unknown member name) may change: the signed
        // envelope and the key hint must be exactly the original ones.
        const c = candidate as typeof bundle;
        expect(jcs(c.dsseEnvelope)).toBe(jcs(bundle.dsseEnvelope));
        expect(c.verificationMaterial.publicKey?.hint).toBe(bundle.verificationMaterial.publicKey?.hint);
      }
    }
  });

  it('of statements and receipts never verify and only fail with coded errors', () => {
    const rnd = prng(2);
    let accepts = 0;
    for (let n = 0; n < 300; n++) {
      const e = entries[n % entries.length] as ScittEntry;
      const which = n % 2;
      const statement = which === 0 ? flip(e.statement, rnd) : e.statement;
      const receipt = which === 1 ? flip(e.receipt, rnd) : e.receipt;
      let accepted = false;
      try {
        const s = verifySignedStatement(statement, v.trust);
        const r = verifyScittReceipt(receipt, s.credential, v.trust);
        accepted = true;
        // What may change unnoticed is only the unsigned checkpoint header (label -65537), which
        // then no longer counts: the receipt stands on its COSE signature alone.
        expect(r.checkpointVerified).toBe(false);
      } catch (err) {
        expect(isXprovError(err), String(err)).toBe(true);
      }
      if (accepted) {
        accepts++;
        expect(which).toBe(1);
      }
    }
    // a flip must almost always be refused; a handful of ignorable positions at most
    expect(accepts).toBeLessThan(10);
  });
});
