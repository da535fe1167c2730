import { describe, expect, it } from 'vitest';
import {
  anyResourceMatches,
  checkAttenuation,
  digestMultibase,
  patternCovers,
  patternsCovered,
  resourceMatches,
} from '../src/index.js';
import { AUTHORITY, makeChain } from './fixtures.js';
import { type Doc, mutate } from './helpers.js';

describe('resource patterns (spec/credentials.md §2.2)', () => {
  it.each([
    ['https://x/a', 'https://x/a', true],
    ['https://x/a', 'https://x/ab', false],
    ['https://x/*', 'https://x/a/b', true],
    ['https://x/*', 'https://x/', true],
    ['https://x/*', 'https://y/a', false],
    ['*', 'anything', true],
    ['https://x/*', 'https://x/*', false], // a request never names a pattern
    ['a*b', 'aXb', false], // malformed pattern never matches
    ['', '', false],
  ])('resourceMatches(%j, %j) = %s', (p, r, expected) => {
    expect(resourceMatches(p, r)).toBe(expected);
  });

  it.each([
    ['https://x/*', 'https://x/a/*', true],
    ['https://x/*', 'https://x/a', true],
    ['https://x/*', 'https://x/*', true],
    ['https://x/a/*', 'https://x/*', false],
    ['https://x/a', 'https://x/a', true],
    ['https://x/a', 'https://x/a*', false],
    ['https://x/a', 'https://x/*', false],
    ['https://x/*', 'https://y/*', false],
    ['https://x/*', 'a**', false],
  ])('patternCovers(%j, %j) = %s', (p, c, expected) => {
    expect(patternCovers(p, c)).toBe(expected);
  });

  it('set helpers', () => {
    expect(patternsCovered(['a/*', 'b'], ['a/1', 'b'])).toBe(true);
    expect(patternsCovered(['a/*', 'b'], ['a/1', 'c'])).toBe(false);
    expect(anyResourceMatches(['a/*', 'b'], 'b')).toBe(true);
    expect(anyResourceMatches(['a/*', 'b'], 'c')).toBe(false);
  });
});

describe('checkAttenuation (DESIGN §2.1)', () => {
  const { root, delegation } = makeChain();
  const codes = (child: typeof delegation, parent = root) => checkAttenuation(parent, child).map((f) => f.code);

  it('accepts a valid delegation', () => {
    expect(checkAttenuation(root, delegation)).toEqual([]);
  });

  it.each([
    ['an extra action', (c: Doc) => c.credentialSubject.grant.actions.push('payments:delete')],
    ['a wider resource', (c: Doc) => (c.credentialSubject.grant.resources = ['https://bank.example.com/*'])],
    ['an earlier validFrom', (c: Doc) => (c.validFrom = '2023-12-31T23:59:59Z')],
    ['a later validUntil', (c: Doc) => (c.validUntil = '2025-01-01T00:00:01Z')],
    ['an unparsable validUntil', (c: Doc) => (c.validUntil = 'never')],
  ])('XP_CHAIN_ESCALATION for %s', (_n, change) => {
    expect(codes(mutate(delegation, change))).toEqual(['XP_CHAIN_ESCALATION']);
  });

  it('XP_CHAIN_DEPTH when the child depth is not below the parent', () => {
    expect(codes(mutate(delegation, (c) => (c.credentialSubject.grant.maxDelegationDepth = 2)))).toEqual([
      'XP_CHAIN_DEPTH',
    ]);
  });

  it('XP_CHAIN_DEPTH when the parent has depth 0', () => {
    const leaf = mutate(root, (c) => (c.credentialSubject.grant.maxDelegationDepth = 0));
    const child = mutate(delegation, (c) => {
      c.parent.digestMultibase = digestMultibase(leaf);
      c.credentialSubject.grant.maxDelegationDepth = 0;
    });
    expect(codes(child, leaf)).toEqual(['XP_CHAIN_DEPTH']);
  });

  it('XP_CHAIN_BROKEN when the issuer is not the parent subject', () => {
    expect(codes(mutate(delegation, (c) => (c.issuer = AUTHORITY)))).toEqual(['XP_CHAIN_BROKEN']);
  });

  it('XP_CHAIN_BROKEN when parent is missing or names another grant', () => {
    expect(codes(mutate(delegation, (c) => delete c.parent))).toEqual(['XP_CHAIN_BROKEN']);
    expect(
      codes(mutate(delegation, (c) => (c.parent.id = 'urn:uuid:00000000-0000-4000-8000-0000000000ff'))),
    ).toEqual(['XP_CHAIN_BROKEN']);
  });

  it('XP_CHAIN_DIGEST when the parent changed after the child was issued', () => {
    const tampered = mutate(root, (c) => c.credentialSubject.grant.actions.push('payments:delete'));
    expect(codes(delegation, tampered)).toEqual(['XP_CHAIN_DIGEST']);
  });

  it('reports every failure at once', () => {
    const bad = mutate(delegation, (c) => {
      c.issuer = AUTHORITY;
      c.credentialSubject.grant.actions = ['x'];
      c.credentialSubject.grant.maxDelegationDepth = 5;
    });
    expect(new Set(codes(bad))).toEqual(new Set(['XP_CHAIN_BROKEN', 'XP_CHAIN_ESCALATION', 'XP_CHAIN_DEPTH']));
  });
});
