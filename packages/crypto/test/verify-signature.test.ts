import { describe, expect, it } from 'vitest';
import { ed25519Backend, resolveDidKeyVerificationMethod, signCredential, verifyProof } from '../src/index.js';
import { created, credential, newIdentity } from './helpers.js';

const assertion = { resolveVerificationMethod: resolveDidKeyVerificationMethod, expectedProofPurpose: 'assertionMethod' as const };

describe('verifyProof with a caller-scheduled signature check (verifySignature)', () => {
  it('hands the key, the hash data and the signature to it and uses its answer', async () => {
    const { keyPair, did } = newIdentity();
    const signed = await signCredential(credential(did), { keyPair, suite: 'eddsa-jcs-2022', created });
    const calls: number[] = [];
    const verifySignature = (k: Uint8Array, m: Uint8Array, s: Uint8Array) => {
      calls.push(k.length, m.length, s.length);
      return ed25519Backend().verifyAsync(k, m, s);
    };
    expect((await verifyProof(signed, { ...assertion, verifySignature })).verified).toBe(true);
    expect(calls).toEqual([32, 64, 64]);
    const refuse = async () => false;
    expect(await verifyProof(signed, { ...assertion, verifySignature: refuse })).toMatchObject({ verified: false, code: 'XP_PROOF_INVALID' });
  });

  it('is not reached when the proof fails before the signature (wrong purpose)', async () => {
    const { keyPair, did } = newIdentity();
    const signed = await signCredential(credential(did), { keyPair, suite: 'eddsa-jcs-2022', created });
    let called = false;
    const r = await verifyProof(signed, { ...assertion, expectedProofPurpose: 'authentication', challenge: 'c', verifySignature: async () => (called = true) });
    expect(r).toMatchObject({ verified: false, code: 'XP_PROOF_INVALID' });
    expect(called).toBe(false);
  });
});
