/**
 * Steps 4–6 started on the plain-JSON input before its schema check (src/verify.ts startEarly):
 * the result must be exactly that of starting them after 2.2, and the input is never modified.
 */
import { describe, expect, it } from 'vitest';
import { failingCodes, verifyBundle } from '../src/index.js';
import { type Draft, makeBundle } from './fixture.js';

const fresh = async () => {
  const { bundle, trust } = await makeBundle();
  return { bundle: JSON.parse(JSON.stringify(bundle)) as Draft, trust };
};

describe('proof checks started before the schema check', () => {
  it('leave the input as it was', async () => {
    const { bundle, trust } = await fresh();
    const before = JSON.stringify(bundle);
    const result = await verifyBundle(bundle, trust);
    expect(result.verdict).toBe('valid');
    expect(JSON.stringify(bundle)).toBe(before);
  });

  it('are dropped when the input then fails 2.2: XP_MALFORMED alone', async () => {
    const { bundle, trust } = await fresh();
    bundle.permit.credentialSubject.unexpected = true;
    const result = await verifyBundle(bundle, trust);
    expect(result.checks.map((c) => [c.id, c.code, c.ok])).toEqual([['2.1', 'XP_MALFORMED', false]]);
  });

  it('give the same checks as the late start when one object plays two roles', async () => {
    const { bundle, trust } = await fresh();
    const copy = JSON.parse(JSON.stringify(bundle)) as Draft;
    // the report presentation given as the request's object: no early start (results are per object)
    bundle.presentations.report = bundle.presentations.request;
    copy.presentations.report = JSON.parse(JSON.stringify(copy.presentations.request));
    const shared = await verifyBundle(bundle, trust);
    const separate = await verifyBundle(copy, trust);
    expect(shared.verdict).toBe('invalid');
    expect(failingCodes(shared)).toEqual(failingCodes(separate));
    expect(shared.checks.map((c) => [c.id, c.code, c.ok])).toEqual(separate.checks.map((c) => [c.id, c.code, c.ok]));
  });
});

describe('caller-injected I/O', () => {
  it('is never asked about a bundle that fails 2.2', async () => {
    const { bundle, trust } = await fresh();
    bundle.grants[0].proof.verificationMethod = 'did:web:example.com#key-1';
    bundle.permit.credentialSubject.unexpected = true;
    const asked: string[] = [];
    const result = await verifyBundle(bundle, trust, {
      resolveDid: async (did: string) => {
        asked.push(did);
        throw new Error('offline');
      },
    });
    expect(result.checks.map((c) => [c.id, c.code, c.ok])).toEqual([['2.1', 'XP_MALFORMED', false]]);
    expect(asked).toEqual([]);
  });
});
