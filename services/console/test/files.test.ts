/**
 * Dropped files are read with @xprov/verifier's strict JSON reader (spec/cli-verify.md §2a), in
 * Node here with the real reader; viewer.browser.test.ts checks the page shows the codes.
 */
import { decodeUtf8, parseStrictJson } from '@xprov/verifier';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, kindOf, parseFileBytes, readJson } from '../web/files.js';

const reader = { decodeUtf8, parseStrictJson };
const bytes = (s: string) => new TextEncoder().encode(s);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

async function codeOfAsync(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('parseFileBytes', () => {
  it('parses strict JSON', () => {
    expect(parseFileBytes('b.json', bytes('{"a":{"b":[1,"é"]}}'), undefined, reader)).toEqual({ a: { b: [1, 'é'] } });
  });
  it('refuses duplicate member names, even when spelled with escapes and nested', () => {
    for (const text of ['{"a":1,"a":2}', '{"x":{"grants":[],"\\u0067rants":[]}}', '[{"k":1,"k":1}]']) {
      expect(codeOf(() => JSON.parse(text))).toBeUndefined(); // what the page used to accept
      expect(codeOf(() => parseFileBytes('b.json', bytes(text), undefined, reader))).toBe('XP_MALFORMED');
      expect(codeOf(() => parseFileBytes('b.json', bytes(text), 'bundle', reader))).toBe('XP_MALFORMED');
      expect(codeOf(() => parseFileBytes('t.json', bytes(text), 'trust', reader))).toBe('XP_TRUST_INVALID');
    }
  });
  it('refuses invalid UTF-8 instead of reading it as U+FFFD', () => {
    const bad = new Uint8Array([...bytes('{"a":"'), 0xff, ...bytes('"}')]);
    expect(codeOf(() => parseFileBytes('b.json', bad, undefined, reader))).toBe('XP_MALFORMED');
    expect(codeOf(() => parseFileBytes('t.json', bad, 'trust', reader))).toBe('XP_TRUST_INVALID');
  });
  it('refuses text that is not JSON', () => {
    expect(codeOf(() => parseFileBytes('b.json', bytes('{"a":'), undefined, reader))).toBe('XP_MALFORMED');
    expect(codeOf(() => parseFileBytes('t.json', bytes(''), 'trust', reader))).toBe('XP_TRUST_INVALID');
  });
});

describe('readJson', () => {
  it('reads a File strictly, and refuses one over the size bound with XP_IO', async () => {
    expect(await readJson(new File(['{"version":1,"logs":[]}'], 't.json'), undefined, reader)).toEqual({ version: 1, logs: [] });
    expect(await codeOfAsync(readJson(new File(['{"a":1,"a":1}'], 'b.json'), undefined, reader))).toBe('XP_MALFORMED');
    expect(await codeOfAsync(readJson(new File([new Uint8Array(MAX_FILE_BYTES + 1)], 'big.json'), undefined, reader))).toBe('XP_IO');
  });
  it('sorts values into bundle, trust and vector', () => {
    expect(kindOf({ bundle: {}, trust: {} })).toBe('vector');
    expect(kindOf({ version: 1, governors: [] })).toBe('trust');
    expect(kindOf({ grants: [] })).toBe('bundle');
    expect(kindOf(null)).toBe('bundle');
  });
});
