/**
 * Every committed vector against @xprov/verifier, the committed files against a fresh
 * generation, and the catalogue's coverage of DESIGN §4's codes (spec/vectors.md §3).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VERIFICATION_CODES } from '@xprov/format';
import { describe, expect, it } from 'vitest';
import { generateFiles } from '../src/generate.js';
import { VECTORS_DIR } from '../src/paths.js';
import { loadVectors, runVector } from '../src/run.js';
import type { VectorIndex } from '../src/vector.js';
import { xprovVerifier } from '../src/verifier.js';

const vectors = await loadVectors(VECTORS_DIR);

describe('each vector verifies as expected with @xprov/verifier', () => {
  it.each(vectors.map((v) => [v.id, v] as const))('%s', async (_id, vector) => {
    const result = await runVector(vector, xprovVerifier);
    expect(result.actual).toEqual(vector.expected);
    expect(result.passed).toBe(true);
  });
});

describe('the committed vectors', () => {
  it('are byte-identical to a fresh generation', async () => {
    const files = await generateFiles();
    for (const [file, text] of files) {
      expect(await readFile(join(VECTORS_DIR, file), 'utf8'), file).toBe(text);
    }
    expect(vectors.length + 1).toBe(files.size);
  });

  it('are listed in index.json with the same expectations', async () => {
    const index = JSON.parse(await readFile(join(VECTORS_DIR, 'index.json'), 'utf8')) as VectorIndex;
    expect(index.vectors.map((v) => v.id).sort()).toEqual(vectors.map((v) => v.id).sort());
    for (const entry of index.vectors) expect(entry.expected).toEqual(vectors.find((v) => v.id === entry.id)!.expected);
  });

  it('cover every DESIGN §4 code, each with a vector that fails with it alone', () => {
    const single = new Set(vectors.filter((v) => v.expected.codes.length === 1).map((v) => v.expected.codes[0]));
    const missing = VERIFICATION_CODES.filter((c) => !single.has(c));
    expect(missing).toEqual([]);
  });

  it('include the valid shapes the spec names', () => {
    const valid = vectors.filter((v) => v.expected.verdict === 'valid').map((v) => v.id);
    for (const id of [
      'valid-root-grant-only',
      'valid-delegation-1',
      'valid-delegation-3',
      'valid-delegation-3-rdfc',
      'valid-witnessed',
      'valid-grant-expired-after-execution',
      'valid-denial',
    ]) {
      expect(valid).toContain(id);
    }
  });

  it('have the verdict their codes imply (spec/verification.md §14.1)', () => {
    const inconclusiveCodes = new Set(['XP_DID_UNRESOLVED', 'XP_STATUS_UNKNOWN']);
    for (const v of vectors) {
      const { verdict, codes } = v.expected;
      const want = codes.length === 0 ? 'valid' : codes.every((c) => inconclusiveCodes.has(c)) ? 'inconclusive' : 'invalid';
      expect(verdict, v.id).toBe(want);
    }
  });
});

describe('spec/vectors.md', () => {
  it('lists every vector in its catalogue', async () => {
    const spec = await readFile(join(VECTORS_DIR, '../../spec/vectors.md'), 'utf8');
    for (const v of vectors) expect(spec, v.id).toContain(`| \`${v.id}\` |`);
  });
});
