/**
 * spec/verification.md §15: a denial bundle is valid evidence of a refusal when the denial is
 * authentic, by a trusted governor, and logged; the grants are not judged.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failingCodes, verifyBundle } from '../src/index.js';

const file = join(import.meta.dirname, '../../../test-vectors/vectors/valid-denial.json');
const vector = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;

describe.runIf(vector)('denial bundles', () => {
  it('valid evidence of a refusal, with the governor’s codes', async () => {
    const r = await verifyBundle(vector.bundle, vector.trust);
    expect(r.verdict).toBe('valid');
    expect(r.decision).toBe('deny');
    expect(r.denialCodes?.length).toBeGreaterThan(0);
    expect(r.chain.map((l) => l.role)).toEqual(['denial']);
  });
  it('by an untrusted governor: XP_PERMIT_UNTRUSTED', async () => {
    const r = await verifyBundle(vector.bundle, { ...vector.trust, governors: [] });
    expect(failingCodes(r)).toEqual(['XP_PERMIT_UNTRUSTED']);
    expect(r.verdict).toBe('invalid');
  });
  it('not logged: XP_LOG_MISSING', async () => {
    const r = await verifyBundle({ ...vector.bundle, receipts: [] }, vector.trust);
    expect(failingCodes(r)).toEqual(['XP_LOG_MISSING']);
  });
  it('altered after signing: XP_PROOF_INVALID (and no longer the logged entry)', async () => {
    const b = structuredClone(vector.bundle);
    b.denial.credentialSubject.request.resource = 'acct:ops/elsewhere';
    const codes = failingCodes(await verifyBundle(b, vector.trust));
    expect(codes).toContain('XP_PROOF_INVALID');
    expect(codes).toContain('XP_LOG_INCLUSION');
  });
});
