import { describe, expect, it } from 'vitest';
import { checkPolicyDigest, parsePolicySet, policyDigest } from '../src/index.js';
import { DEMO_POLICY } from './fixtures.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('policyDigest (spec/policy.md §3)', () => {
  it('is a base58btc sha2-256 multihash', () => {
    expect(policyDigest(DEMO_POLICY)).toMatch(/^zQm[1-9A-HJ-NP-Za-km-z]{44}$/);
  });

  it('keeps the digest when only whitespace, line breaks and comments change', () => {
    const reformatted = `@id("transfer-cap") permit(principal, action == Action::"payments:transfer", resource)
      when { resource.id like "acct:ops/*" && context.parameters.currency == "USD"
        && decimal(context.parameters.amount).lessThanOrEqual(decimal("500.00")) }; // one line now`;
    expect(policyDigest(reformatted)).toBe(policyDigest(DEMO_POLICY));
  });

  it('changes when a constraint changes', () => {
    const d = policyDigest(DEMO_POLICY);
    expect(policyDigest(DEMO_POLICY.replace('"500.00"', '"500.01"'))).not.toBe(d);
    expect(policyDigest(DEMO_POLICY.replace('acct:ops/*', 'acct:*'))).not.toBe(d);
    expect(policyDigest(DEMO_POLICY.replace('permit', 'forbid'))).not.toBe(d);
    expect(policyDigest(DEMO_POLICY.replace('transfer-cap', 'cap'))).not.toBe(d);
  });

  it('with positional ids, order matters; with @id annotations it does not', () => {
    const a = 'permit(principal, action, resource) when { context.parameters.x };';
    const b = 'forbid(principal, action, resource) when { context.parameters.y };';
    expect(policyDigest(a + b)).not.toBe(policyDigest(b + a));
    const ia = `@id("a") ${a}`;
    const ib = `@id("b") ${b}`;
    expect(policyDigest(ia + ib)).toBe(policyDigest(ib + ia));
  });

  it('checkPolicyDigest accepts the right digest and refuses another with XP_POLICY_DIGEST', () => {
    expect(() => checkPolicyDigest(DEMO_POLICY, policyDigest(DEMO_POLICY))).not.toThrow();
    const other = policyDigest('permit(principal, action, resource);');
    expect(codeOf(() => checkPolicyDigest(DEMO_POLICY, other))).toBe('XP_POLICY_DIGEST');
  });
});

describe('parsePolicySet (spec/policy.md §2)', () => {
  it('assigns @id annotations, else policy<position>', () => {
    const p = parsePolicySet('permit(principal, action, resource);\n@id("named") forbid(principal, action, resource);');
    expect(p.ids).toEqual(['policy0', 'named']);
    expect(Object.keys(p.json.staticPolicies).sort()).toEqual(['named', 'policy0']);
    expect(p.json.templates).toEqual({});
    expect(p.json.templateLinks).toEqual([]);
  });

  it.each([
    ['bad syntax', 'permit(principal, action, resource'],
    ['unknown operator', 'permit(principal, action, resource) when { 1 +++ 2 };'],
    ['a template', 'permit(principal == ?principal, action, resource);'],
    ['a duplicate id', '@id("x") permit(principal, action, resource);\n@id("x") forbid(principal, action, resource);'],
    ['a collision with a positional id', 'permit(principal, action, resource);\n@id("policy0") forbid(principal, action, resource);'],
  ])('refuses %s with XP_POLICY_SYNTAX', (_name, source) => {
    expect(codeOf(() => parsePolicySet(source))).toBe('XP_POLICY_SYNTAX');
    expect(codeOf(() => policyDigest(source))).toBe('XP_POLICY_SYNTAX');
  });

  it('refuses a non-string with XP_POLICY_SYNTAX', () => {
    expect(codeOf(() => parsePolicySet(42 as unknown as string))).toBe('XP_POLICY_SYNTAX');
  });

  it('an empty source is a valid, empty policy set', () => {
    expect(parsePolicySet('// nothing\n').ids).toEqual([]);
  });
});
