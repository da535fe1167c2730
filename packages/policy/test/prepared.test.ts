import { describe, expect, it } from 'vitest';
import { cedar } from '../src/cedar.js';
import { unionSlotsCreated } from '../src/conjunction.js';
import { evaluate, parsePolicySet, policyDigest, toCedarRequest } from '../src/index.js';
import { CACHE_LIMIT, CedarSlots, preparePolicySet } from '../src/prepared.js';
import { DEMO_POLICY, NOW, transfer } from './fixtures.js';

// Distinct sources: even n permits, odd n forbids (the @id keeps every set's digest distinct).
const source = (n: number) => `@id("p${n}") ${n % 2 === 0 ? 'permit' : 'forbid'}(principal, action, resource);`;
const decide = (n: number) => evaluate({ policies: source(n), request: transfer('1.00'), time: NOW }).decision;
const expected = (n: number) => (n % 2 === 0 ? 'allow' : 'deny');

describe('Cedar slots (spec/policy.md §5, engine cache)', () => {
  it('a slot reused after eviction answers for its new set only', () => {
    const slots = new CedarSlots('test-small', 2);
    const request = toCedarRequest(transfer('1.00'), NOW);
    const ask = (n: number) => {
      const json = parsePolicySet(source(n)).json.staticPolicies;
      const slot = slots.slot(`k${n}`, () => json);
      expect(slot).toBeDefined();
      const answer = cedar.statefulIsAuthorized({ ...request, preparsedPolicySetId: slot! });
      return answer.type === 'success' ? answer.response.decision : 'failure';
    };
    for (const n of [0, 1, 2, 3, 0, 1, 4, 5, 0]) expect(ask(n)).toBe(expected(n));
    expect(slots.created).toBeLessThanOrEqual(3);
  });

  it('a set Cedar refuses gets no slot, and the refused slot is not used for it', () => {
    const slots = new CedarSlots('test-refused', 2);
    // A hand-made JSON form Cedar cannot read.
    expect(slots.slot('bad', () => ({ p: { effect: 'nonsense' } as never }))).toBeUndefined();
    expect(slots.slot('bad', () => ({}))).toBeUndefined();
  });

  it('stays bounded and correct when more sets than the cache holds come and go', () => {
    const total = CACHE_LIMIT * 2 + 7;
    for (let n = 0; n < total; n++) expect(decide(n)).toBe(expected(n));
    for (let n = 0; n < 40; n++) expect(decide(n)).toBe(expected(n));
    for (let n = total - 1; n > total - 40; n--) expect(decide(n)).toBe(expected(n));
  });

  it('parses and digests once per source; a source that does not parse throws XP_POLICY_SYNTAX each time', () => {
    expect(preparePolicySet(DEMO_POLICY)).toBe(preparePolicySet(DEMO_POLICY));
    expect(preparePolicySet(DEMO_POLICY).digest).toBe(policyDigest(DEMO_POLICY));
    for (let i = 0; i < 2; i++) {
      expect(() => preparePolicySet('permit(')).toThrow(expect.objectContaining({ code: 'XP_POLICY_SYNTAX' }));
      const r = evaluate({ policies: 'permit(', request: transfer('1.00'), time: NOW });
      expect(r.decision).toBe('deny');
      expect(r.policies[0]?.errors.map((e) => e.code)).toEqual(['XP_POLICY_SYNTAX']);
    }
  });
});

describe('a chain in one Cedar call (conjunction.ts)', () => {
  // Sets that allow, deny by forbid, deny by no permit, deny by an evaluation error, or allow twice.
  const pool = [
    DEMO_POLICY,
    'permit(principal, action, resource);',
    '@id("two-a") permit(principal, action, resource);\n@id("two-b") permit(principal, action == Action::"payments:transfer", resource);',
    '@id("no") forbid(principal, action, resource) when { resource.id like "acct:ops/*" };\npermit(principal, action, resource);',
    '@id("none") permit(principal, action, resource) when { false };',
    '@id("err") permit(principal, action, resource) when { context.parameters.missing == 1 };',
    '@id("cap-100") permit(principal, action, resource) when { decimal(context.parameters.amount).lessThanOrEqual(decimal("100.00")) };',
  ];
  const alone = (src: string, amount: string) => evaluate({ policies: src, request: transfer(amount), time: NOW }).policies[0];

  it('gives exactly the set-by-set results, for every chain of two and three sets', () => {
    for (const amount of ['50.00', '499.00']) {
      for (const a of pool) {
        for (const b of pool) {
          for (const c of [undefined, ...pool]) {
            const chain = c === undefined ? [a, b] : [a, b, c];
            const r = evaluate({ policies: chain, request: transfer(amount), time: NOW });
            const each = chain.map((s) => alone(s, amount));
            expect(r.policies).toEqual(each);
            expect(r.decision).toBe(each.every((p) => p?.decision === 'allow') ? 'allow' : 'deny');
          }
        }
      }
    }
    expect(unionSlotsCreated()).toBeGreaterThan(0);
  });

  it('reports several satisfied permits in a stable, sorted order', () => {
    const r = evaluate({ policies: [pool[2]!, pool[2]!], request: transfer('1.00'), time: NOW });
    expect(r.decision).toBe('allow');
    expect(r.policies.map((p) => p.reasons)).toEqual([['two-a', 'two-b'], ['two-a', 'two-b']]);
    expect(alone(pool[2]!, '1.00')?.reasons).toEqual(['two-a', 'two-b']);
  });
});
