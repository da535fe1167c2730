// The W3C vc-di-eddsa specification test vectors, reproduced byte for byte (see vectors/README.md).
import * as nodeCrypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { jcs } from '@xprov/format';
import { describe, expect, it } from 'vitest';
import {
  canonizeRdfc,
  defaultDocumentLoader,
  keyPairFromJson,
  nobleBackend,
  nodeBackend,
  resolveDidKeyVerificationMethod,
  setEd25519Backend,
  signCredential,
  verifyProof,
} from '../src/index.js';

const read = (name: string) => readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8');
const keyPair = keyPairFromJson(JSON.parse(read('keyPair.json')));
const unsigned = JSON.parse(read('unsigned.json'));
const created = '2023-02-24T23:36:38Z';
const did = 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const cases = [
  { suite: 'eddsa-jcs-2022', dir: 'eddsa-jcs-2022', signed: 'signedJCS.json', sig: 'sigHexJCS.txt' },
  { suite: 'eddsa-rdfc-2022', dir: 'eddsa-rdfc-2022', signed: 'signedDataInt.json', sig: 'sigHexDataInt.txt' },
] as const;

describe('W3C vc-di-eddsa test vectors', () => {
  it('keyPair.json decodes to the published did:key', () => {
    expect(keyPair.publicKeyMultibase).toBe('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
  });

  it('eddsa-jcs-2022 canonical document and proof config', () => {
    expect(jcs(unsigned)).toBe(read('eddsa-jcs-2022/canonDocJCS.txt'));
    const proofConfig = JSON.parse(read('eddsa-jcs-2022/signedJCS.json')).proof;
    delete proofConfig.proofValue;
    expect(jcs(proofConfig)).toBe(read('eddsa-jcs-2022/proofCanonJCS.txt'));
  });

  it('eddsa-rdfc-2022 canonical document and proof config', async () => {
    const loader = defaultDocumentLoader();
    expect(await canonizeRdfc(unsigned, loader)).toBe(read('eddsa-rdfc-2022/canonDocDataInt.txt'));
    const proofConfig = { ...JSON.parse(read('eddsa-rdfc-2022/signedDataInt.json')).proof, '@context': unsigned['@context'] };
    delete proofConfig.proofValue;
    expect(await canonizeRdfc(proofConfig, loader)).toBe(read('eddsa-rdfc-2022/proofCanonDataInt.txt'));
  });

  for (const backend of [nodeBackend(nodeCrypto), nobleBackend]) {
    for (const c of cases) {
      it(`${c.suite} signed output equals the spec byte for byte (${backend.name})`, async () => {
        setEd25519Backend(backend);
        try {
          const signed = await signCredential(unsigned, { keyPair, suite: c.suite, created });
          expect(JSON.stringify(signed, null, 2)).toBe(read(`${c.dir}/${c.signed}`));
          const sigHex = read(`${c.dir}/${c.sig}`).trim();
          const { base58btcDecode } = await import('@xprov/format');
          expect(hex(base58btcDecode(signed.proof.proofValue.slice(1)))).toBe(sigHex);
        } finally {
          setEd25519Backend(undefined);
        }
      });
    }
  }

  for (const c of cases) {
    it(`${c.suite} published signed vector verifies, and a changed claim does not`, async () => {
      const signed = JSON.parse(read(`${c.dir}/${c.signed}`));
      const options = {
        resolveVerificationMethod: resolveDidKeyVerificationMethod,
        expectedProofPurpose: 'assertionMethod' as const,
        // The vector's issuer is an https URL, not the did:key; name the key's controller explicitly.
        expectedController: did,
      };
      expect(await verifyProof(signed, options)).toMatchObject({ verified: true, controller: did });
      signed.credentialSubject.alumniOf = 'The School of Counterexamples';
      expect(await verifyProof(signed, options)).toMatchObject({ verified: false, code: 'XP_PROOF_INVALID' });
    });
  }
});
