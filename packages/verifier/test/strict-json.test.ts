import { describe, expect, it } from 'vitest';
import { StrictJsonError, decodeUtf8, duplicateMember, parseStrictJson } from '../src/strict-json.js';

describe('strict JSON (spec/cli-verify.md §2a)', () => {
  it('parses JSON without duplicate member names, same names in different objects allowed', () => {
    expect(parseStrictJson('{"a":{"a":1},"b":[{"a":2},{"a":3}],"c":"\\"a\\":"}')).toEqual({ a: { a: 1 }, b: [{ a: 2 }, { a: 3 }], c: '"a":' });
  });
  it('refuses a duplicate member at any depth', () => {
    expect(() => parseStrictJson('{"a":1,"a":2}')).toThrow(StrictJsonError);
    expect(() => parseStrictJson('[{"x":{"k":[1],"k":[2]}}]')).toThrow(StrictJsonError);
  });
  it('compares names after unescaping', () => {
    expect(duplicateMember('{"a":1,"\\u0061":2}')).toBe('a');
    expect(duplicateMember('{"__proto__":1,"__proto__":2}')).toBe('__proto__');
  });
  it('does not mistake string values or escaped quotes for names', () => {
    expect(duplicateMember('{"a":"a","b":"\\\\","c":["a","a"]}')).toBeUndefined();
  });
  it('is not fooled by a string value that looks like a member', () => {
    expect(duplicateMember('{"a":1,"b":"\\",\\"a\\":2"}')).toBeUndefined();
  });
  it('refuses text that is not JSON and bytes that are not UTF-8', () => {
    expect(() => parseStrictJson('{a:1}')).toThrow(SyntaxError);
    expect(() => decodeUtf8(new Uint8Array([0x22, 0xff, 0x22]))).toThrow(StrictJsonError);
    expect(decodeUtf8(new TextEncoder().encode('"é"'))).toBe('"é"');
  });
});
