import { createDocumentLoader, didKeyDocument, generateKeyPair, parseDidKey } from '../src/index.js';

export const created = '2024-05-01T12:00:00Z';

/** A key pair and its DID. */
export function newIdentity() {
  const keyPair = generateKeyPair();
  const { did, verificationMethod } = parseDidKey(`did:key:${keyPair.publicKeyMultibase}`);
  return { keyPair, did, verificationMethod };
}

/** A VC 2.0 credential issued by `issuer`, using only the W3C contexts. */
export function credential(issuer: string) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    id: 'urn:uuid:2b0b6a9e-3a70-4c5e-9b58-2f7f5d7b9a01',
    type: ['VerifiableCredential', 'ExampleCredential'],
    issuer,
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:subject', claim: 'value', amount: 42 },
  };
}

/** For @digitalbazaar libraries: the static loader plus did:key documents and methods. */
export function loaderWithDidKey() {
  const base = createDocumentLoader();
  return async (url: string) => {
    if (url.startsWith('did:key:')) {
      const [did, fragment] = url.split('#');
      const doc = didKeyDocument(did!);
      const document = fragment
        ? { '@context': doc['@context'], ...doc.verificationMethod[0] }
        : doc;
      return { contextUrl: null, documentUrl: url, document };
    }
    return base(url);
  };
}
