/**
 * Every committed test vector (test-vectors/vectors, spec/vectors.md): the verdict and the set of
 * failing codes must be exactly the expected ones.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failingCodes, verifyBundle } from '../src/index.js';

const dir = join(import.meta.dirname, '../../../test-vectors/vectors');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json').sort() : [];

interface Vector {
  id: string;
  bundle: unknown;
  trust: unknown;
  expected: { verdict: string; codes: string[] };
}

describe('test vectors', () => {
  it('are present', () => {
    expect(files.length).toBeGreaterThan(30);
  });
  it.each(files)('%s', async (file) => {
    const v = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Vector;
    const r = await verifyBundle(v.bundle, v.trust);
    expect({ verdict: r.verdict, codes: failingCodes(r).sort() }).toEqual({ verdict: v.expected.verdict, codes: [...v.expected.codes].sort() });
  });
});
