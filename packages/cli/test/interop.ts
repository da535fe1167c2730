/** Verification of CLI output with the reference implementation, @digitalbazaar/vc. */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { cryptosuite as rdfcSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { verifyCredential } from '@digitalbazaar/vc';
import { createDocumentLoader, didKeyDocument } from '@xprov/crypto';

/** The xprov static loader, plus did:key documents and their verification methods. */
function loader() {
  const base = createDocumentLoader();
  return async (url: string) => {
    if (url.startsWith('did:key:')) {
      const [did, fragment] = url.split('#');
      const doc = didKeyDocument(did!);
      const document = fragment ? { '@context': doc['@context'], ...doc.verificationMethod[0] } : doc;
      return { contextUrl: null, documentUrl: url, document };
    }
    return base(url);
  };
}

export async function digitalBazaarVerifies(credential: Record<string, unknown>): Promise<boolean> {
  const proof = credential.proof as { cryptosuite?: string };
  const cryptosuite = proof.cryptosuite === 'eddsa-jcs-2022' ? createVerifyCryptosuite() : rdfcSuite;
  const suite = new DataIntegrityProof({ cryptosuite });
  const r = await verifyCredential({ credential, suite, documentLoader: loader() });
  return r.verified;
}
