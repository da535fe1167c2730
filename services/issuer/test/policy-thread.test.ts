/**
 * spec/governor.md §12: Cedar on a worker thread gives exactly what `@xprov/policy`'s `evaluate`
 * gives on the calling thread — allow, deny, syntax errors, bad parameters — and falls back to
 * the calling thread (never to an allow) once the thread is gone.
 */
import { type EvaluateInput, evaluate } from '@xprov/policy';
import { afterAll, describe, expect, it } from 'vitest';
import { PolicyThread } from '../src/index.js';

const POLICY = `permit (principal, action == Action::"payments:transfer", resource)
when { resource.id like "acct:ops/*" && decimal(context.parameters.amount).lessThanOrEqual(decimal("500.00")) };`;
const request = (parameters: Record<string, unknown>) => ({ principal: 'did:key:z6MkAgent', action: 'payments:transfer', resource: 'acct:ops/payroll', parameters });
const time = '2026-11-28T20:00:00Z';

const inputs: EvaluateInput[] = [
  { policies: POLICY, request: request({ amount: '12.00' }), time },
  { policies: [POLICY, POLICY], request: request({ amount: '12.00' }), time },
  { policies: POLICY, request: request({ amount: '900.00' }), time },
  { policies: 'permit (principal, action, resource) when { context.nope };', request: request({}), time },
  { policies: 'this is not cedar', request: request({}), time },
  { policies: POLICY, request: request({ amount: 1.5 }), time },
  { policies: POLICY, request: request(JSON.parse('{"__proto__": {"amount": "1.00"}}')), time },
  { policies: POLICY, request: request({ amount: '12.00' }), time: 'yesterday' },
  { policies: [], request: request({}), time },
];

describe('PolicyThread', () => {
  const thread = new PolicyThread();
  afterAll(() => thread.close());

  it('answers every input exactly as evaluate() on this thread', async () => {
    const answers = await Promise.all(inputs.map((i) => thread.evaluate(i)));
    expect(answers).toEqual(inputs.map((i) => evaluate(i)));
    expect(answers.map((a) => a.decision)).toEqual(['allow', 'allow', 'deny', 'deny', 'deny', 'deny', 'deny', 'deny', 'deny']);
  });

  it('after close, evaluates on the calling thread (same answers, never an allow it would not give)', async () => {
    const t = new PolicyThread();
    await t.close();
    expect(await t.evaluate(inputs[0]!)).toEqual(evaluate(inputs[0]!));
    expect((await t.evaluate(inputs[2]!)).decision).toBe('deny');
  });
});
