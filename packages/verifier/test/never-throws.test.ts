/**
 * verifyBundle never throws and never says `valid` for garbage (spec/verification.md: "MUST NOT
 * throw"); a bad trust file is XP_TRUST_INVALID (inconclusive), a non-bundle XP_MALFORMED.
 */
import { describe, expect, it } from 'vitest';
import { failingCodes, verifyBundle } from '../src/index.js';
import { makeBundle } from './fixture.js';

const { bundle, trust } = await makeBundle();

const garbage: unknown[] = [
  undefined,
  null,
  0,
  -1,
  Number.NaN,
  'bundle',
  [],
  [bundle],
  {},
  { type: 'ProvenanceBundle' },
  { type: 'ProvenanceBundle', version: 1, grants: [], presentations: {}, receipts: [], statusLists: [], didDocuments: {} },
  JSON.parse('{"__proto__": {"polluted": true}, "type": "ProvenanceBundle"}'),
  { ...bundle, grants: [null] },
  { ...bundle, permit: 'x' },
  { ...bundle, receipts: [{}] },
  { ...bundle, didDocuments: { 'did:web:x': 5 } },
  (() => {
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    return { ...bundle, outcome: deep };
  })(),
];

describe('never throws', () => {
  it.each(garbage.map((g, i) => [i, g]))('garbage bundle #%s is not valid', async (_i, g) => {
    const r = await verifyBundle(g, trust);
    expect(r.verdict).toBe('invalid');
    expect(failingCodes(r)).toContain('XP_MALFORMED');
  });

  it.each(garbage.map((g, i) => [i, g]))('garbage trust file #%s is XP_TRUST_INVALID', async (_i, g) => {
    const r = await verifyBundle(bundle, g);
    expect(r.verdict).toBe('inconclusive');
    expect(failingCodes(r)).toEqual(['XP_TRUST_INVALID']);
  });

  it('a throwing online resolver is XP_DID_UNRESOLVED, not an exception', async () => {
    const b = structuredClone(bundle);
    b.grants[0].issuer = 'did:web:nowhere.example';
    b.grants[0].proof.verificationMethod = 'did:web:nowhere.example#key-1';
    const r = await verifyBundle(b, trust, {
      resolveDid: async () => {
        throw new Error('network down');
      },
    });
    expect(failingCodes(r)).toContain('XP_DID_UNRESOLVED');
    expect(r.verdict).toBe('invalid');
  });

  it('a throwing injected Ed25519 verify fails the checkpoint, never passes it', async () => {
    const r = await verifyBundle(bundle, trust, {
      verifyEd25519: () => {
        throw new Error('boom');
      },
    });
    expect(failingCodes(r)).toEqual(['XP_LOG_CHECKPOINT_SIGNATURE']);
  });

  it('the same inputs give the same result (deterministic, no clock)', async () => {
    const a = await verifyBundle(bundle, trust);
    const b = await verifyBundle(structuredClone(bundle), structuredClone(trust));
    expect(b).toEqual(a);
    expect(a.verdict).toBe('valid');
  });
});
