/** The page's sentences per code are the verifier's (the same module xprov-verify uses) and cover every DESIGN §4 code. */
import { VERIFICATION_CODES } from '@xprov/format';
import { MEANINGS as VERIFIER_MEANINGS } from '@xprov/verifier/meanings';
import { describe, expect, it } from 'vitest';
import { MEANINGS } from '../web/meanings.js';

describe('meanings', () => {
  it('are the wording of xprov-verify (one module)', () => {
    expect(Object.keys(MEANINGS).length).toBeGreaterThan(25);
    expect(MEANINGS).toBe(VERIFIER_MEANINGS);
  });

  it('cover every verification code', () => {
    for (const code of VERIFICATION_CODES) expect(MEANINGS[code], code).toBeTypeOf('string');
  });
});
