import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { predicateJsonSchemaText } from '../src/index.js';

const file = new URL('../../../spec/schemas/interop/xprov-execution-predicate.schema.json', import.meta.url);

describe('spec/schemas/interop/xprov-execution-predicate.schema.json', () => {
  it('is up to date (run `pnpm --filter @xprov/interop gen:schema`)', () => {
    expect(readFileSync(file, 'utf8')).toBe(predicateJsonSchemaText());
  });
  it('is a closed draft 2020-12 object schema', () => {
    const s = JSON.parse(predicateJsonSchemaText());
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toEqual(['version', 'authority', 'chain', 'permit', 'outcome', 'log']);
  });
});
