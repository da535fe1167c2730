import { describe, expect, it } from 'vitest';
import { evaluate, policyDigest } from '../src/index.js';
import { CACHE_LIMIT, preparePolicySet, preparedSlotCount } from '../src/prepared.js';
import { NOW, transfer } from './fixtures.js';

// Distinct sources: even n permits, odd n forbids (the @id keeps every set's digest distinct).
const source = (n: number) => `@id("p${n}") ${n % 2 === 0 ? 'permit' : 'forbid'}(principal, action, resource);`;
const decide = (n: number) => evaluate({ policies: source(n), request: transfer('1.00'), time: NOW }).decision;

describe('preparsed policy sets (spec/policy.md §5, engine cache)', () => {
  it('evaluates through a Cedar slot with the same answer as the source', () => {
    const p = preparePolicySet(source(0));
    expect(p.slot).toBeDefined();
    expect(p.digest).toBe(policyDigest(source(0)));
    expect(decide(0)).toBe('allow');
    expect(decide(1)).toBe('deny');
  });

  it('stays bounded and correct when more sets than the cache holds come and go (slots are reused)', () => {
    const total = CACHE_LIMIT * 2 + 7;
    for (let n = 0; n < total; n++) expect(decide(n)).toBe(n % 2 === 0 ? 'allow' : 'deny');
    expect(preparedSlotCount()).toBeLessThanOrEqual(CACHE_LIMIT + 1);
    // Evicted sets come back into slots that held other sets since: still their own decisions.
    for (let n = 0; n < 40; n++) expect(decide(n)).toBe(n % 2 === 0 ? 'allow' : 'deny');
    for (let n = total - 1; n > total - 40; n--) expect(decide(n)).toBe(n % 2 === 0 ? 'allow' : 'deny');
  });

  it('a source that does not parse is never cached and throws XP_POLICY_SYNTAX each time', () => {
    for (let i = 0; i < 2; i++) {
      expect(() => preparePolicySet('permit(')).toThrow(expect.objectContaining({ code: 'XP_POLICY_SYNTAX' }));
      const r = evaluate({ policies: 'permit(', request: transfer('1.00'), time: NOW });
      expect(r.decision).toBe('deny');
      expect(r.policies[0]?.errors.map((e) => e.code)).toEqual(['XP_POLICY_SYNTAX']);
    }
  });
});
