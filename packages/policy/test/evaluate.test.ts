import { describe, expect, it } from 'vitest';
import { ENGINE, evaluate, policyDigest } from '../src/index.js';
import { AGENT, DEMO_POLICY, NOW, transfer } from './fixtures.js';

describe('amount caps with decimal (spec/policy.md §4.2)', () => {
  it.each([
    ['499.99', 'allow'],
    ['500.00', 'allow'],
    ['500.0', 'allow'],
    ['0.01', 'allow'],
    ['500.01', 'deny'],
    ['1000000.00', 'deny'],
  ])('amount %s → %s', (amount, expected) => {
    expect(evaluate({ policies: DEMO_POLICY, request: transfer(amount), time: NOW }).decision).toBe(expected);
  });

  it('an amount decimal() cannot read denies with XP_POLICY_EVALUATION', () => {
    for (const amount of ['500', '499.99999', 'abc', 500]) {
      const r = evaluate({ policies: DEMO_POLICY, request: transfer(amount), time: NOW });
      expect(r.decision).toBe('deny');
      expect(r.policies[0]?.errors.map((e) => e.code)).toEqual(['XP_POLICY_EVALUATION']);
      expect(r.policies[0]?.errors[0]?.policyId).toBe('transfer-cap');
    }
  });

  it('a JSON number with a fraction is refused as input (XP_POLICY_INPUT)', () => {
    const r = evaluate({ policies: DEMO_POLICY, request: transfer(499.99), time: NOW });
    expect(r.decision).toBe('deny');
    expect(r.errors.map((e) => e.code)).toEqual(['XP_POLICY_INPUT']);
    // the set is still named by its digest
    expect(r.policies[0]?.digestMultibase).toBe(policyDigest(DEMO_POLICY));
  });

  it('a wrong currency denies with no reasons', () => {
    const r = evaluate({ policies: DEMO_POLICY, request: transfer('10.00', 'acct:ops/payroll', { currency: 'EUR' }), time: NOW });
    expect(r.decision).toBe('deny');
    expect(r.policies[0]?.reasons).toEqual([]);
    expect(r.policies[0]?.errors).toEqual([]);
  });
});

describe('resource sets', () => {
  it('like patterns on resource.id', () => {
    expect(evaluate({ policies: DEMO_POLICY, request: transfer('1.00', 'acct:ops/a/b'), time: NOW }).decision).toBe('allow');
    expect(evaluate({ policies: DEMO_POLICY, request: transfer('1.00', 'acct:opsx/a'), time: NOW }).decision).toBe('deny');
    expect(evaluate({ policies: DEMO_POLICY, request: transfer('1.00', 'acct:finance/a'), time: NOW }).decision).toBe('deny');
  });

  it('resource in a set of entities', () => {
    const p = 'permit(principal, action, resource) when { resource in [Resource::"acct:a", Resource::"acct:b"] };';
    expect(evaluate({ policies: p, request: transfer('1.00', 'acct:b'), time: NOW }).decision).toBe('allow');
    expect(evaluate({ policies: p, request: transfer('1.00', 'acct:c'), time: NOW }).decision).toBe('deny');
  });

  it('resource in a group given as a caller entity', () => {
    const p = 'permit(principal, action, resource in Group::"ops");';
    const entities = [
      { uid: { type: 'Resource', id: 'acct:x' }, attrs: {}, parents: [{ type: 'Group', id: 'ops' }] },
      { uid: { type: 'Group', id: 'ops' }, attrs: {}, parents: [] },
    ];
    expect(evaluate({ policies: p, request: transfer('1.00', 'acct:x'), time: NOW, entities }).decision).toBe('allow');
    expect(evaluate({ policies: p, request: transfer('1.00', 'acct:y'), time: NOW, entities }).decision).toBe('deny');
  });

  it('principal is Agent::"<did>" with an id attribute', () => {
    const p = `permit(principal == Agent::"${AGENT}", action, resource) when { principal.id like "did:key:*" };`;
    expect(evaluate({ policies: p, request: transfer('1.00'), time: NOW }).decision).toBe('allow');
    const other = { ...transfer('1.00'), principal: 'did:key:z6MkOther' };
    expect(evaluate({ policies: p, request: other, time: NOW }).decision).toBe('deny');
  });
});

describe('time windows (context.time is a datetime)', () => {
  const p = `permit(principal, action, resource) when {
    context.time >= datetime("2025-01-01T00:00:00Z") && context.time < datetime("2025-02-01T00:00:00Z") };`;
  it.each([
    ['2025-01-01T00:00:00Z', 'allow'],
    ['2025-01-31T23:59:59.999Z', 'allow'],
    ['2025-02-01T00:00:00Z', 'deny'],
    ['2024-12-31T23:59:59Z', 'deny'],
    ['2025-02-01T00:30:00+01:00', 'allow'],
    ['2025-01-31T23:30:00-01:00', 'deny'],
  ])('%s → %s', (time, expected) => {
    expect(evaluate({ policies: p, request: transfer('1.00'), time }).decision).toBe(expected);
  });

  it('the hour of day through durations', () => {
    const office = `permit(principal, action, resource) when {
      context.time.toTime() >= duration("9h") && context.time.toTime() < duration("17h") };`;
    expect(evaluate({ policies: office, request: transfer('1.00'), time: '2025-01-15T09:00:00Z' }).decision).toBe('allow');
    expect(evaluate({ policies: office, request: transfer('1.00'), time: '2025-01-15T17:00:00Z' }).decision).toBe('deny');
  });

  it.each(['2025-02-30T00:00:00Z', '2025-01-01', '2025-01-01T24:00:00Z', '2025-12-31T23:59:60Z', 'now', '', 1736935200])(
    'a bad time %s denies with XP_POLICY_INPUT',
    (time) => {
      const r = evaluate({ policies: 'permit(principal, action, resource);', request: transfer('1.00'), time: time as string });
      expect(r.decision).toBe('deny');
      expect(r.errors.map((e) => e.code)).toEqual(['XP_POLICY_INPUT']);
    },
  );
});

describe('fail closed', () => {
  it('a missing attribute denies', () => {
    const r = evaluate({ policies: DEMO_POLICY, request: { ...transfer('1.00'), parameters: { currency: 'USD' } }, time: NOW });
    expect(r.decision).toBe('deny');
    expect(r.policies[0]?.errors[0]?.code).toBe('XP_POLICY_EVALUATION');
  });

  it('a forbid that errors still denies (Cedar alone would skip it and allow)', () => {
    const p = `permit(principal, action, resource);
      @id("no-big") forbid(principal, action, resource) when { context.parameters.count > 10 };`;
    const r = evaluate({ policies: p, request: transfer('1.00'), time: NOW });
    expect(r.decision).toBe('deny');
    expect(r.policies[0]?.reasons).toEqual(['policy0']);
    expect(r.policies[0]?.errors.map((e) => [e.code, e.policyId])).toEqual([['XP_POLICY_EVALUATION', 'no-big']]);
    expect(evaluate({ policies: p, request: transfer('1.00', 'acct:ops/x', { count: 3 }), time: NOW }).decision).toBe('allow');
  });

  it('a policy set that does not parse denies with XP_POLICY_SYNTAX', () => {
    const r = evaluate({ policies: ['permit(principal, action, resource);', 'permit(oops'], request: transfer('1.00'), time: NOW });
    expect(r.decision).toBe('deny');
    expect(r.policies[0]?.decision).toBe('allow');
    expect(r.policies[1]?.decision).toBe('deny');
    expect(r.policies[1]?.errors[0]?.code).toBe('XP_POLICY_SYNTAX');
    expect(r.policies[1]?.digestMultibase).toBeUndefined();
  });

  it('no policy set at all denies with XP_POLICY_NONE', () => {
    const r = evaluate({ policies: [], request: transfer('1.00'), time: NOW });
    expect(r.decision).toBe('deny');
    expect(r.errors.map((e) => e.code)).toEqual(['XP_POLICY_NONE']);
  });

  it('an empty policy set denies (no permit)', () => {
    expect(evaluate({ policies: '', request: transfer('1.00'), time: NOW }).decision).toBe('deny');
  });

  it.each([
    ['an entity escape', { owner: { __entity: { type: 'Agent', id: AGENT } } }],
    ['an extension escape', { amount: { __extn: { fn: 'decimal', arg: '1.00' } } }],
    ['null in an array', { list: [null] }],
    ['a float', { n: 1.5 }],
    ['an unsafe integer', { n: 2 ** 60 }],
    ['deep nesting', JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`)],
  ])('parameters with %s are refused (XP_POLICY_INPUT)', (_name, parameters) => {
    const r = evaluate({
      policies: 'permit(principal, action, resource);',
      request: { principal: AGENT, action: 'a', resource: 'r', parameters },
      time: NOW,
    });
    expect(r.decision).toBe('deny');
    expect(r.errors.map((e) => e.code)).toEqual(['XP_POLICY_INPUT']);
  });

  it.each([
    ['no principal', { principal: '', action: 'a', resource: 'r' }],
    ['parameters not an object', { principal: AGENT, action: 'a', resource: 'r', parameters: [1] }],
    ['no request', null],
  ])('a request with %s is refused (XP_POLICY_INPUT)', (_name, request) => {
    const r = evaluate({ policies: 'permit(principal, action, resource);', request: request as never, time: NOW });
    expect(r.decision).toBe('deny');
    expect(r.errors.map((e) => e.code)).toEqual(['XP_POLICY_INPUT']);
  });

  it('null members are left out, so `has` is false', () => {
    const p = 'permit(principal, action, resource) unless { context.parameters has memo };';
    expect(evaluate({ policies: p, request: transfer('1.00', 'acct:ops/x', { memo: null }), time: NOW }).decision).toBe('allow');
    expect(evaluate({ policies: p, request: transfer('1.00', 'acct:ops/x', { memo: 'x' }), time: NOW }).decision).toBe('deny');
  });
});

describe('decisions', () => {
  it('forbid overrides permit, and the reasons name the forbid', () => {
    const p = `@id("all") permit(principal, action, resource);
      @id("frozen") forbid(principal, action, resource) when { context.parameters.frozen };`;
    const r = evaluate({ policies: p, request: transfer('1.00', 'acct:ops/x', { frozen: true }), time: NOW });
    expect(r.decision).toBe('deny');
    expect(r.policies[0]?.reasons).toEqual(['frozen']);
    const ok = evaluate({ policies: p, request: transfer('1.00', 'acct:ops/x', { frozen: false }), time: NOW });
    expect(ok.decision).toBe('allow');
    expect(ok.policies[0]?.reasons).toEqual(['all']);
  });

  it('the decision carries every deciding policy id, the digest and the engine', () => {
    const p = 'permit(principal, action, resource);\n@id("b") permit(principal, action == Action::"payments:transfer", resource);';
    const r = evaluate({ policies: p, request: transfer('1.00'), time: NOW });
    expect(r.policies[0]?.reasons.sort()).toEqual(['b', 'policy0']);
    expect(r.policies[0]?.digestMultibase).toBe(policyDigest(p));
    expect(r.engine).toMatch(/^cedar@4\./);
    expect(r.engine).toBe(ENGINE);
  });

  it('a conjunction: every policy set on the chain must permit', () => {
    const root = DEMO_POLICY;
    const child = 'permit(principal, action, resource) when { decimal(context.parameters.amount).lessThanOrEqual(decimal("100.00")) };';
    const both = [root, child];
    expect(evaluate({ policies: both, request: transfer('99.00'), time: NOW }).decision).toBe('allow');
    const r = evaluate({ policies: both, request: transfer('250.00'), time: NOW });
    expect(r.decision).toBe('deny');
    expect(r.policies.map((x) => x.decision)).toEqual(['allow', 'deny']);
    // the child cannot widen the root: a permissive child does not lift the root's cap
    const r2 = evaluate({ policies: [root, 'permit(principal, action, resource);'], request: transfer('900.00'), time: NOW });
    expect(r2.policies.map((x) => x.decision)).toEqual(['deny', 'allow']);
    expect(r2.decision).toBe('deny');
  });

  it('is deterministic: same input, same result', () => {
    const input = { policies: DEMO_POLICY, request: transfer('12.34'), time: NOW };
    expect(evaluate(input)).toEqual(evaluate(input));
  });
});
