/**
 * v8-workaround.ts: on Node 20 (V8 11) loading @xprov/policy turns off TurboFan's inlining of
 * JS→Wasm calls, which made long-running verifiers die in the deoptimizer. The soak that shows
 * the fault takes minutes (bench/verify/soak.mjs); this checks that the flag is applied exactly
 * where it is meant to be, and that evaluations are unchanged under it.
 */
import { describe, expect, it } from 'vitest';
import { JS_TO_WASM_INLINING_DISABLED, evaluate } from '../src/index.js';

describe('V8 11 workaround', () => {
  it('is applied on V8 11 and older, and only there', () => {
    const major = Number(process.versions.v8.split('.')[0]);
    expect(JS_TO_WASM_INLINING_DISABLED).toBe(major <= 11);
  });

  it('leaves evaluation as it was: a hot loop of allow and deny answers stays exact', () => {
    const policy = 'permit (principal, action, resource) when { context.parameters.n < 1000 };';
    for (let n = 0; n < 3000; n++) {
      const r = evaluate({ policies: [policy, policy], request: { principal: 'did:key:z6Mk', action: 'a', resource: 'r', parameters: { n: n % 2000 } }, time: '2026-11-28T00:00:00Z' });
      expect(r.decision).toBe(n % 2000 < 1000 ? 'allow' : 'deny');
    }
  });
});
