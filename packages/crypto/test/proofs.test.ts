import { describe, expect, it } from 'vitest';
import {
  type Cryptosuite,
  nobleBackend,
  resolveDidKeyVerificationMethod,
  setEd25519Backend,
  signCredential,
  signDocument,
  signPresentation,
  verifyProof,
} from '../src/index.js';
import { digestMultibase, type JcsMemo } from '@xprov/format';
import { created, credential, newIdentity } from './helpers.js';

const suites: Cryptosuite[] = ['eddsa-jcs-2022', 'eddsa-rdfc-2022'];
const assertion = { resolveVerificationMethod: resolveDidKeyVerificationMethod, expectedProofPurpose: 'assertionMethod' as const };
const clone = <T>(v: T): T => structuredClone(v);

async function rejects(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? 'uncoded';
  }
  return 'no error';
}

describe.each(suites)('%s credentials', (suite) => {
  it('verify when untouched, naming the issuer as controller', async () => {
    const { keyPair, did, verificationMethod } = newIdentity();
    const signed = await signCredential(credential(did), { keyPair, suite, created });
    expect(await verifyProof(signed, assertion)).toEqual({
      verified: true,
      verificationMethod,
      controller: did,
      cryptosuite: suite,
      created,
    });
  });

  it('fail on any change: a claim, an added claim, the issuer, the proof, the context', async () => {
    const { keyPair, did } = newIdentity();
    const signed = await signCredential(credential(did), { keyPair, suite, created });
    const tampered: Array<[string, (c: ReturnType<typeof clone<typeof signed>>) => void, string]> = [
      ['claim', (c) => {
          c.credentialSubject.claim = 'other';
        }, 'XP_PROOF_INVALID'],
      ['number', (c) => {
          c.credentialSubject.amount = 43;
        }, 'XP_PROOF_INVALID'],
      ['added claim', (c) => void Object.assign(c.credentialSubject, { name: 'x' }), 'XP_PROOF_INVALID'],
      ['validFrom', (c) => {
          c.validFrom = '2024-01-02T00:00:00Z';
        }, 'XP_PROOF_INVALID'],
      ['created', (c) => {
          c.proof.created = '2024-05-01T12:00:01Z';
        }, 'XP_PROOF_INVALID'],
      ['proofValue', (c) => {
          c.proof.proofValue = `${c.proof.proofValue.slice(0, -2)}11`;
        }, 'XP_PROOF_INVALID'],
      ['proofValue shape', (c) => {
          c.proof.proofValue = 'z1234';
        }, 'XP_PROOF_INVALID'],
      ['proofValue base', (c) => {
          c.proof.proofValue = `u${c.proof.proofValue.slice(1)}`;
        }, 'XP_PROOF_INVALID'],
      // rdfc: without the examples context `claim` is an undefined term, refused by JSON-LD safe mode.
      [
        'context dropped',
        (c) => {
          c['@context'] = ['https://www.w3.org/ns/credentials/v2'];
        },
        suite === 'eddsa-jcs-2022' ? 'XP_PROOF_INVALID' : 'XP_MALFORMED',
      ],
      ['context unknown', (c) => void c['@context'].push('https://example.com/evil/v1'), 'XP_CONTEXT_UNKNOWN'],
      ['proof type', (c) => void Object.assign(c.proof, { type: 'Ed25519Signature2020' }), 'XP_CRYPTOSUITE_UNSUPPORTED'],
      ['suite', (c) => void Object.assign(c.proof, { cryptosuite: 'ecdsa-rdfc-2019' }), 'XP_CRYPTOSUITE_UNSUPPORTED'],
      ['purpose', (c) => void Object.assign(c.proof, { proofPurpose: 'authentication' }), 'XP_PROOF_INVALID'],
      ['proof removed', (c) => {
          delete (c as { proof?: unknown }).proof;
        }, 'XP_PROOF_INVALID'],
      ['proof set', (c) => void Object.assign(c, { proof: [c.proof] }), 'XP_PROOF_INVALID'],
      ['bad created', (c) => {
          c.proof.created = 'yesterday';
        }, 'XP_PROOF_INVALID'],
    ];
    for (const [what, change, code] of tampered) {
      const copy = clone(signed);
      change(copy);
      expect({ what, result: await verifyProof(copy, assertion) }).toMatchObject({ what, result: { verified: false, code } });
    }
    expect((await verifyProof(signed, assertion)).verified).toBe(true);
  });

  it('fail with XP_PROOF_INVALID when the key is not the issuer’s', async () => {
    const issuer = newIdentity();
    const other = newIdentity();
    const signed = await signCredential(credential(issuer.did), { keyPair: other.keyPair, suite, created });
    expect(await verifyProof(signed, assertion)).toMatchObject({ verified: false, code: 'XP_PROOF_INVALID' });
    // Claiming the issuer's verification method while signing with another key fails too.
    const forged = await signCredential(credential(issuer.did), {
      keyPair: other.keyPair,
      suite,
      created,
      verificationMethod: issuer.verificationMethod,
    });
    expect(await verifyProof(forged, assertion)).toMatchObject({ verified: false, code: 'XP_PROOF_INVALID' });
  });

  it('fail with XP_CRYPTOSUITE_UNSUPPORTED when the trust file does not allow the suite', async () => {
    const { keyPair, did } = newIdentity();
    const signed = await signCredential(credential(did), { keyPair, suite, created });
    const other = suites.filter((s) => s !== suite);
    expect(await verifyProof(signed, { ...assertion, allowedSuites: other })).toMatchObject({
      code: 'XP_CRYPTOSUITE_UNSUPPORTED',
    });
  });

  it('check expiry and future creation against the given time', async () => {
    const { keyPair, did } = newIdentity();
    const signed = await signCredential(credential(did), { keyPair, suite, created, expires: '2024-05-01T12:01:00Z' });
    expect((await verifyProof(signed, { ...assertion, now: new Date('2024-05-01T12:00:30Z') })).verified).toBe(true);
    expect(await verifyProof(signed, { ...assertion, now: new Date('2024-05-01T12:02:00Z') })).toMatchObject({
      code: 'XP_EXPIRED',
    });
    expect(await verifyProof(signed, { ...assertion, now: new Date('2024-05-01T11:00:00Z') })).toMatchObject({
      code: 'XP_NOT_YET_VALID',
    });
  });

  it('report an unresolvable verification method as XP_DID_UNRESOLVED', async () => {
    const { keyPair, did } = newIdentity();
    const signed = await signCredential(credential(did), {
      keyPair,
      suite,
      created,
      verificationMethod: 'did:web:example.com#key-1',
    });
    expect(await verifyProof(signed, assertion)).toMatchObject({ code: 'XP_DID_UNRESOLVED' });
    const throwsPlain = async () => {
      throw new Error('network down');
    };
    expect(await verifyProof(signed, { ...assertion, resolveVerificationMethod: throwsPlain })).toMatchObject({
      code: 'XP_DID_UNRESOLVED',
    });
  });
});

describe.each(suites)('%s presentations (authentication)', (suite) => {
  const presentation = (holder: string) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiablePresentation'],
    holder,
  });
  const auth = (challenge?: string, domain?: string) => ({
    resolveVerificationMethod: resolveDidKeyVerificationMethod,
    expectedProofPurpose: 'authentication' as const,
    ...(challenge === undefined ? {} : { challenge }),
    ...(domain === undefined ? {} : { domain }),
  });

  it('verify with the right challenge and domain, fail with XP_PRESENTATION_INVALID otherwise', async () => {
    const { keyPair, did } = newIdentity();
    const signed = await signPresentation(presentation(did), {
      keyPair,
      suite,
      created,
      challenge: 'c-123',
      domain: 'governor.example',
    });
    expect(signed.proof.proofPurpose).toBe('authentication');
    expect(await verifyProof(signed, auth('c-123', 'governor.example'))).toMatchObject({ verified: true, controller: did });
    expect(await verifyProof(signed, auth('c-124', 'governor.example'))).toMatchObject({ code: 'XP_PRESENTATION_INVALID' });
    expect(await verifyProof(signed, auth('c-123', 'other.example'))).toMatchObject({ code: 'XP_PRESENTATION_INVALID' });
    expect(await verifyProof(signed, auth())).toMatchObject({ code: 'XP_PRESENTATION_INVALID' });
    expect(await verifyProof(signed, { ...auth(), requireChallenge: false })).toMatchObject({ verified: true });
    // An assertion verifier does not accept an authentication proof.
    expect(await verifyProof(signed, assertion)).toMatchObject({ code: 'XP_PROOF_INVALID' });
    // Changing the challenge inside the proof breaks the signature.
    const moved = clone(signed);
    moved.proof.challenge = 'c-124';
    expect(await verifyProof(moved, auth('c-124', 'governor.example'))).toMatchObject({ code: 'XP_PROOF_INVALID' });
  });

  it('fail when the holder is not the signer', async () => {
    const holder = newIdentity();
    const other = newIdentity();
    const signed = await signPresentation(presentation(holder.did), { keyPair: other.keyPair, suite, challenge: 'c' });
    expect(await verifyProof(signed, auth('c'))).toMatchObject({ code: 'XP_PROOF_INVALID' });
  });
});

describe('signing', () => {
  it('refuses an authentication proof without challenge, a bad created, a signed input, an unknown suite', async () => {
    const { keyPair, did } = newIdentity();
    const unsigned = credential(did);
    expect(await rejects(signDocument(unsigned, { keyPair, proofPurpose: 'authentication' }))).toBe('XP_SIGN_OPTIONS');
    expect(await rejects(signCredential(unsigned, { keyPair, created: 'now' }))).toBe('XP_SIGN_OPTIONS');
    const signed = await signCredential(unsigned, { keyPair });
    expect(await rejects(signCredential(signed, { keyPair }))).toBe('XP_SIGN_OPTIONS');
    expect(await rejects(signCredential(unsigned, { keyPair, suite: 'bbs-2023' as Cryptosuite }))).toBe(
      'XP_CRYPTOSUITE_UNSUPPORTED',
    );
    expect(signed).not.toHaveProperty('proof.created');
    expect(unsigned).not.toHaveProperty('proof');
  });

  it('refuses in eddsa-rdfc-2022 a term no context defines (JSON-LD safe mode) with XP_MALFORMED', async () => {
    const { keyPair, did } = newIdentity();
    const unsigned = { ...credential(did), '@context': ['https://www.w3.org/ns/credentials/v2'] };
    expect(await rejects(signCredential(unsigned, { keyPair, suite: 'eddsa-rdfc-2022' }))).toBe('XP_MALFORMED');
  });

  it('node:crypto and noble produce identical signatures and accept each other’s', async () => {
    const { keyPair, did } = newIdentity();
    for (const suite of suites) {
      const native = await signCredential(credential(did), { keyPair, suite, created });
      setEd25519Backend(nobleBackend);
      try {
        const noble = await signCredential(credential(did), { keyPair, suite, created });
        expect(noble.proof.proofValue).toBe(native.proof.proofValue);
        expect((await verifyProof(native, assertion)).verified).toBe(true);
        const bad = clone(native);
        bad.credentialSubject.claim = 'x';
        expect(await verifyProof(bad, assertion)).toMatchObject({ code: 'XP_PROOF_INVALID' });
      } finally {
        setEd25519Backend(undefined);
      }
    }
  });
});

describe('attacker input never throws', () => {
  it('returns coded results for garbage', async () => {
    for (const input of [null, 1, 'x', [], { proof: null }, { proof: 'z' }, { proof: { type: 'DataIntegrityProof' } }]) {
      const r = await verifyProof(input, assertion);
      expect(r.verified).toBe(false);
    }
    expect(await verifyProof({ proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022' } }, assertion)).toMatchObject({
      code: 'XP_PROOF_INVALID',
    });
  });
});

describe('signing with a JCS memo (eddsa-jcs-2022)', () => {
  it('gives the same proof, and a later digest of the signed result with the same memo is exact', async () => {
    const { keyPair, did } = newIdentity();
    const unsigned = credential(did);
    const memo: JcsMemo = new WeakMap();
    const withMemo = await signCredential(unsigned, { keyPair, created, jcsMemo: memo });
    const without = await signCredential(unsigned, { keyPair, created });
    expect(withMemo).toEqual(without);
    // The proof gains its proofValue after hashing: a stale memo entry would give another digest.
    expect(digestMultibase(withMemo, memo)).toBe(digestMultibase(without));
    expect(await verifyProof(withMemo, { ...assertion, jcsMemo: memo })).toMatchObject({ verified: true });
  });
});
