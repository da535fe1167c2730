import { describe, expect, it } from 'vitest';
import { ed25519Backend, generateKeyPair, nobleBackend, setEd25519Backend } from '../src/index.js';

describe('Ed25519 backend selection', () => {
  it('uses node:crypto in Node and noble where node:crypto is absent (a browser)', () => {
    setEd25519Backend(undefined);
    expect(ed25519Backend().name).toBe('node');
    const proc = globalThis.process as { getBuiltinModule?: unknown };
    const original = proc.getBuiltinModule;
    try {
      proc.getBuiltinModule = undefined;
      setEd25519Backend(undefined);
      expect(ed25519Backend().name).toBe('noble');
    } finally {
      proc.getBuiltinModule = original;
      setEd25519Backend(undefined);
    }
    expect(ed25519Backend().name).toBe('node');
  });

  it('both backends reject a wrong signature, wrong key and wrong lengths without throwing', () => {
    const { secretKey, publicKey } = generateKeyPair();
    const other = generateKeyPair().publicKey;
    const msg = new TextEncoder().encode('hashData');
    for (const backend of [ed25519Backend(), nobleBackend]) {
      const sig = backend.sign(secretKey, msg);
      expect(backend.verify(publicKey, msg, sig)).toBe(true);
      expect(backend.verify(other, msg, sig)).toBe(false);
      const flipped = sig.slice();
      flipped[0]! ^= 1;
      expect(backend.verify(publicKey, msg, flipped)).toBe(false);
      expect(backend.verify(publicKey, msg, sig.slice(0, 63))).toBe(false);
      expect(backend.verify(publicKey.slice(0, 31), msg, sig)).toBe(false);
      expect(Buffer.from(backend.publicKeyOf(secretKey))).toEqual(Buffer.from(publicKey));
    }
  });
});
