/**
 * The page's sentences per code must stay xprov-verify's (packages/verify-cli/src/meanings.ts,
 * not exported by that package) and cover every code DESIGN §4 fixes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERIFICATION_CODES } from '@xprov/format';
import { describe, expect, it } from 'vitest';
import { MEANINGS } from '../web/meanings.js';

describe('meanings', () => {
  it('equal the wording of xprov-verify', () => {
    const cli = readFileSync(join(import.meta.dirname, '../../../packages/verify-cli/src/meanings.ts'), 'utf8');
    const pairs = Object.fromEntries([...cli.matchAll(/^\s+(XP_[A-Z_]+): '(.*)',$/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(pairs).length).toBeGreaterThan(25);
    expect(MEANINGS).toEqual(pairs);
  });

  it('cover every verification code', () => {
    for (const code of VERIFICATION_CODES) expect(MEANINGS[code], code).toBeTypeOf('string');
  });
});
