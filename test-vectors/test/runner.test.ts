/** The runner's comparison and report (spec/vectors.md §3), and the generator's building blocks. */
import { UrnUuid } from '@xprov/format';
import { bitAt, decodeBitstring } from '@xprov/verifier';
import { describe, expect, it } from 'vitest';
import { seedFor, uuidFor } from '../src/determinism.js';
import { VECTORS_DIR } from '../src/paths.js';
import { compare, formatResults, loadVectors, runVector, runVectors, type VerifyFn } from '../src/run.js';
import { encodeStatusList, MIN_STATUS_LIST_ENTRIES } from '../src/status-list.js';
import type { Vector } from '../src/vector.js';

const vector: Vector = {
  id: 'example',
  description: '',
  spec: '',
  bundle: {},
  trust: {},
  expected: { verdict: 'invalid', codes: ['XP_CHAIN_DEPTH', 'XP_REVOKED'] },
};
const check = (code: string, ok: boolean) => ({ code, ok });

describe('compare', () => {
  it('passes on the same verdict and the same set of failing codes, in any order, with duplicates', () => {
    const out = { verdict: 'invalid', checks: [check('XP_REVOKED', false), check('XP_PROOF_INVALID', true), check('XP_CHAIN_DEPTH', false), check('XP_REVOKED', false)] };
    expect(compare(vector, out).passed).toBe(true);
  });
  it('fails on another verdict', () => {
    expect(compare(vector, { verdict: 'inconclusive', checks: [check('XP_REVOKED', false), check('XP_CHAIN_DEPTH', false)] }).passed).toBe(false);
  });
  it('fails on a missing or an extra failing code', () => {
    expect(compare(vector, { verdict: 'invalid', checks: [check('XP_REVOKED', false)] }).passed).toBe(false);
    const extra = [check('XP_REVOKED', false), check('XP_CHAIN_DEPTH', false), check('XP_LOG_ORDER', false)];
    expect(compare(vector, { verdict: 'invalid', checks: extra }).passed).toBe(false);
  });
});

describe('runVectors and formatResults', () => {
  it('count a throwing verifier as a failure and report each failing vector', async () => {
    const throwing: VerifyFn = async () => {
      throw new Error('boom');
    };
    const passing: VerifyFn = async () => ({ verdict: 'invalid', checks: [check('XP_CHAIN_DEPTH', false), check('XP_REVOKED', false)] });
    expect((await runVector(vector, throwing)).passed).toBe(false);
    const results = [...(await runVectors([vector], passing)), ...(await runVectors([{ ...vector, id: 'other' }], throwing))];
    const text = formatResults(results);
    expect(text.split('\n')).toEqual([expect.stringMatching(/^FAIL other: .*threw: boom$/), '1 passed, 1 failed']);
  });

  it('fail a committed vector whose expectation is changed', async () => {
    const [first] = await loadVectors(VECTORS_DIR);
    const verify: VerifyFn = async () => ({ verdict: first!.expected.verdict, checks: first!.expected.codes.map((c) => check(c, false)) });
    expect((await runVector(first!, verify)).passed).toBe(true);
    const changed = { ...first!, expected: { verdict: first!.expected.verdict, codes: [...first!.expected.codes, 'XP_LOG_ORDER'] } };
    expect((await runVector(changed, verify)).passed).toBe(false);
  });

  it('refuse an unreadable directory', async () => {
    await expect(loadVectors('/nonexistent/xprov-vectors')).rejects.toThrow();
  });
});

describe('status lists', () => {
  it('set exactly the given bits, left-most first, in a list of at least 131,072 entries', () => {
    const set = [0, 7, 8, 4_096, 4_113, MIN_STATUS_LIST_ENTRIES - 1];
    const bits = decodeBitstring(encodeStatusList(set));
    expect(bits.length * 8).toBe(MIN_STATUS_LIST_ENTRIES);
    for (const i of [...set, 1, 6, 9, 4_097, 100_000]) expect(bitAt(bits, i), String(i)).toBe(set.includes(i));
  });
  it('encode byte-stably (GZIP MTIME 0) and refuse an index outside the list', () => {
    expect(encodeStatusList([5])).toBe(encodeStatusList([5]));
    expect(() => encodeStatusList([MIN_STATUS_LIST_ENTRIES])).toThrow(RangeError);
  });
});

describe('determinism', () => {
  it('derives stable, distinct seeds and RFC 9562 v8 urn:uuid ids from labels', () => {
    expect(seedFor('a')).toEqual(seedFor('a'));
    expect(seedFor('a')).not.toEqual(seedFor('b'));
    const id = uuidFor('permit');
    expect(UrnUuid.safeParse(id).success).toBe(true);
    expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFor('permit')).toBe(id);
  });
});
