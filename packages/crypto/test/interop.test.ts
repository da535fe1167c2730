// Interop with the @digitalbazaar reference stack (devDependencies only): credentials signed by
// xprov verify with @digitalbazaar/vc's own verify, and the reverse, for both cryptosuites.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as jcsSuite from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { cryptosuite as rdfcSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { XPROV_CONTEXT_URL } from '@xprov/format';
import { describe, expect, it } from 'vitest';
import { type Cryptosuite, resolveDidKeyVerificationMethod, signCredential, verifyProof } from '../src/index.js';
import { created, credential, loaderWithDidKey, newIdentity } from './helpers.js';

const documentLoader = loaderWithDidKey();
const suites: Cryptosuite[] = ['eddsa-jcs-2022', 'eddsa-rdfc-2022'];
const dbSign = (suite: Cryptosuite) => (suite === 'eddsa-jcs-2022' ? jcsSuite.createSignCryptosuite() : rdfcSuite);
const dbVerify = (suite: Cryptosuite) => (suite === 'eddsa-jcs-2022' ? jcsSuite.createVerifyCryptosuite() : rdfcSuite);

/** A credential using the xprov context as well, so its terms go through JSON-LD too. */
function xprovCredential(issuer: string) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', XPROV_CONTEXT_URL],
    id: 'urn:uuid:6f1c1a55-0d0a-4f43-9d5e-1bfa3c8f0c11',
    type: ['VerifiableCredential', 'AgentAuthorizationCredential'],
    issuer,
    validFrom: '2024-01-01T00:00:00Z',
    validUntil: '2030-01-01T00:00:00Z',
    credentialSubject: {
      id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      grant: { actions: ['payments:create'], resources: ['acct:123/*'], maxDelegationDepth: 1 },
    },
  };
}

describe.each(suites)('%s interop with @digitalbazaar/vc', (suite) => {
  it('xprov-signed credentials verify with @digitalbazaar/vc', async () => {
    const { keyPair, did } = newIdentity();
    for (const unsigned of [credential(did), xprovCredential(did)]) {
      const signed = await signCredential(unsigned, { keyPair, suite, created });
      const result = await vc.verifyCredential({
        credential: signed,
        suite: new DataIntegrityProof({ cryptosuite: dbVerify(suite) }),
        documentLoader,
      });
      expect(result.error).toBeUndefined();
      expect(result.verified).toBe(true);
      const tampered = structuredClone(signed);
      tampered.validFrom = '2024-01-02T00:00:00Z';
      const bad = await vc.verifyCredential({
        credential: tampered,
        suite: new DataIntegrityProof({ cryptosuite: dbVerify(suite) }),
        documentLoader,
      });
      expect(bad.verified).toBe(false);
    }
  });

  it('@digitalbazaar/vc-signed credentials verify with xprov', async () => {
    const { keyPair, did, verificationMethod } = newIdentity();
    const key = await Ed25519Multikey.from({
      '@context': 'https://w3id.org/security/multikey/v1',
      type: 'Multikey',
      id: verificationMethod,
      controller: did,
      publicKeyMultibase: keyPair.publicKeyMultibase,
      secretKeyMultibase: keyPair.secretKeyMultibase,
    });
    for (const unsigned of [credential(did), xprovCredential(did)]) {
      const signed = await vc.issue({
        credential: structuredClone(unsigned), // vc.issue adds the proof in place
        suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite: dbSign(suite), date: created }),
        documentLoader,
      });
      expect(signed.proof.cryptosuite).toBe(suite);
      const options = { resolveVerificationMethod: resolveDidKeyVerificationMethod, expectedProofPurpose: 'assertionMethod' as const };
      expect(await verifyProof(signed, options)).toMatchObject({ verified: true, controller: did });
      // Same key, same options: xprov's own signature is byte-identical (Ed25519 is deterministic).
      const ours = await signCredential(unsigned, { keyPair, suite, created: signed.proof.created });
      expect(ours.proof.proofValue).toBe(signed.proof.proofValue);
      signed.credentialSubject.id = 'did:example:someone-else';
      expect(await verifyProof(signed, options)).toMatchObject({ verified: false, code: 'XP_PROOF_INVALID' });
    }
  });
});
