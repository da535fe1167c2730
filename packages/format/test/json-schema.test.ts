import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../src/index.js';

const dir = join(import.meta.dirname, '../../../spec/schemas');

describe('spec/schemas', () => {
  const expected = jsonSchemaFiles();

  it('has exactly one committed file per schema', () => {
    const committed = readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort();
    expect(committed).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected))('%s is up to date (run `pnpm --filter @xprov/format gen:schemas`)', (name) => {
    expect(readFileSync(join(dir, name), 'utf8')).toBe(expected[name]);
  });
});
