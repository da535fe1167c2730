/**
 * Step 2.1 with the carried chain checked once (src/carried.ts): the outcome must be exactly that of
 * checking both copies with the full schema.
 */
import { parseBundle } from '@xprov/format';
import { describe, expect, it } from 'vitest';
import { carriesSameChain, sameJson } from '../src/carried.js';
import { readBundle, verifyBundle } from '../src/index.js';
import { type Draft, makeBundle } from './fixture.js';

const fresh = async () => {
  const { bundle, trust } = await makeBundle();
  return { bundle: JSON.parse(JSON.stringify(bundle)) as Draft, trust };
};

describe('sameJson', () => {
  it('is JSON value equality, strict about everything a schema could tell apart', () => {
    expect(sameJson({ a: [1, 'x', null, true, { b: 2 }] }, { a: [1, 'x', null, true, { b: 2 }] })).toBe(true);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson({ a: undefined }, { a: undefined })).toBe(false);
    const sparse = [1, 2, 3];
    delete sparse[1];
    expect(sameJson(sparse, [1, undefined, 3])).toBe(false);
    expect(sameJson(sparse, sparse)).toBe(false);
    expect(sameJson(0, -0)).toBe(false);
    expect(sameJson(Number.NaN, Number.NaN)).toBe(false);
    expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson(new Date(0), new Date(0))).toBe(false);
    expect(sameJson(Object.create(null), {})).toBe(false);
    const cyclic: Draft = {};
    cyclic.self = cyclic;
    expect(sameJson(cyclic, cyclic)).toBe(false);
  });
});

describe('the carried chain is schema-checked once when it is the bundle’s grants', () => {
  it('a valid bundle takes the fast path, parses as the full schema does and verifies', async () => {
    const { bundle, trust } = await fresh();
    expect(carriesSameChain(bundle)).toBe(true);
    const read = readBundle(bundle);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(JSON.stringify(read.value.presentations.request)).toBe(JSON.stringify(parseBundle(bundle).presentations.request));
    expect((await verifyBundle(bundle, trust)).verdict).toBe('valid');
  });

  it('malformed grants carried identically are still XP_MALFORMED', async () => {
    const { bundle, trust } = await fresh();
    bundle.grants[0].credentialSubject.grant.maxDelegationDepth = 'deep';
    bundle.presentations.request.verifiableCredential[0].credentialSubject.grant.maxDelegationDepth = 'deep';
    expect(carriesSameChain(bundle)).toBe(true);
    const r = await verifyBundle(bundle, trust);
    expect(r.checks.map((c) => c.code)).toEqual(['XP_MALFORMED']);
    expect(r.verdict).toBe('invalid');
  });

  it('the bundle’s own refinements still hold on the fast path (permit and denial together)', async () => {
    const { bundle, trust } = await fresh();
    bundle.denial = bundle.permit;
    expect(carriesSameChain(bundle)).toBe(true);
    expect((await verifyBundle(bundle, trust)).checks.map((c) => c.code)).toEqual(['XP_MALFORMED']);
  });

  it('a carried chain that differs is schema-checked in full (a malformed carried grant is XP_MALFORMED)', async () => {
    const { bundle, trust } = await fresh();
    bundle.presentations.request.verifiableCredential[0].credentialSubject.grant.actions = 'all';
    expect(carriesSameChain(bundle)).toBe(false);
    expect((await verifyBundle(bundle, trust)).checks.map((c) => c.code)).toEqual(['XP_MALFORMED']);
  });

  it('a well-formed but different carried chain is read as given and fails 6.2', async () => {
    const { bundle, trust } = await fresh();
    bundle.presentations.request.verifiableCredential = bundle.presentations.request.verifiableCredential.slice(1);
    expect(carriesSameChain(bundle)).toBe(false);
    const r = await verifyBundle(bundle, trust);
    expect(r.verdict).toBe('invalid');
    expect(r.checks.filter((c) => !c.ok).map((c) => c.code)).toContain('XP_PRESENTATION_INVALID');
  });
});
