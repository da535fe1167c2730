import { describe, expect, it } from 'vitest';
import { decodePublicKeyMultibase, encodePublicKeyMultibase } from '../src/multikey.js';

describe('decodePublicKeyMultibase cache', () => {
  it('hands out copies: a caller mutating its bytes does not change the next decode', () => {
    const key = new Uint8Array(32).map((_, i) => i + 1);
    const text = encodePublicKeyMultibase(key);
    const first = decodePublicKeyMultibase(text);
    expect(first).toEqual(key);
    first.fill(0);
    const second = decodePublicKeyMultibase(text);
    expect(second).toEqual(key);
    second.fill(7);
    expect(decodePublicKeyMultibase(text)).toEqual(key);
  });

  it('never caches a failure: a bad value is XP_KEY_INVALID every time', () => {
    for (let i = 0; i < 2; i++) {
      expect(() => decodePublicKeyMultibase('z6MkNotBase58!')).toThrow(expect.objectContaining({ code: 'XP_KEY_INVALID' }));
      expect(() => decodePublicKeyMultibase(42)).toThrow(expect.objectContaining({ code: 'XP_KEY_INVALID' }));
    }
  });
});
