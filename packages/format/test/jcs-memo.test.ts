import { describe, expect, it } from 'vitest';
import { digestMultibase } from '../src/digest.js';
import { type JcsMemo, MAX_DEPTH, jcs } from '../src/jcs.js';

const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('jcs with a memo (one scope, e.g. one verification)', () => {
  it('gives the same text and digest as without, reusing parts serialized before', () => {
    const subject = { z: 1, a: ['x', { q: null, b: true }] };
    const credential = { type: ['T'], credentialSubject: subject, id: 'urn:x' };
    const memo: JcsMemo = new WeakMap();
    expect(jcs(subject, memo)).toBe(jcs(subject));
    expect(memo.get(subject)?.text).toBe(jcs(subject));
    const { id: _id, ...unsecured } = credential;
    expect(jcs(unsecured, memo)).toBe(jcs(unsecured));
    expect(jcs({ vc: [credential] }, memo)).toBe(jcs({ vc: [credential] }));
    expect(digestMultibase(credential, memo)).toBe(digestMultibase(credential));
  });

  it('keeps MAX_DEPTH exact: a part memoized shallow is not reused where it would be too deep', () => {
    let part: unknown = { x: 1 };
    for (let i = 0; i < 10; i++) part = { d: part };
    const memo: JcsMemo = new WeakMap();
    jcs(part, memo);
    let fits: unknown = part;
    for (let i = 0; i < MAX_DEPTH - 11; i++) fits = [fits];
    expect(jcs(fits, memo)).toBe(jcs(fits));
    const tooDeep = [fits];
    expect(code(() => jcs(tooDeep))).toBe('XP_JCS_INVALID');
    expect(code(() => jcs(tooDeep, memo))).toBe('XP_JCS_INVALID');
  });

  it('still refuses what is not I-JSON, and a failed call memoizes nothing wrong', () => {
    const memo: JcsMemo = new WeakMap();
    const ok = { a: 1 };
    const bad = { ok, s: '\uD800' };
    expect(code(() => jcs(bad, memo))).toBe('XP_JCS_INVALID');
    expect(memo.has(bad)).toBe(false);
    expect(jcs({ ok }, memo)).toBe('{"ok":{"a":1}}');
    const cyclic: Record<string, unknown> = { ok };
    cyclic.self = cyclic;
    expect(code(() => jcs(cyclic, memo))).toBe('XP_JCS_INVALID');
  });
});
