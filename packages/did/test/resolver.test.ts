import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Cryptosuite,
  didKeyDocument,
  generateKeyPair,
  signCredential,
  signPresentation,
  verifyProof,
} from '@xprov/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver, resolveDid, resolveVerificationMethod, verificationMethodResolver } from '../src/index.js';

// A real HTTP server on 127.0.0.1 stands in for https://<host>; the injected fetch rewrites
// the origin (the did:web mapping under test is unchanged).
const routes = new Map<string, (res: ServerResponse) => void>();
const requests: string[] = [];
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  requests.push(`${req.headers['x-original-host']}${req.url}`);
  const route = routes.get(`${req.headers['x-original-host']}${req.url}`);
  if (route) route(res);
  else {
    res.statusCode = 404;
    res.end();
  }
});
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const loopbackFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  expect(url.protocol).toBe('https:');
  const headers = new Headers(init?.headers);
  headers.set('x-original-host', url.host);
  return fetch(`http://127.0.0.1:${port}${url.pathname}`, { ...init, headers });
};

const json = (body: unknown) => (res: ServerResponse) => {
  res.setHeader('content-type', 'application/did+json');
  res.end(JSON.stringify(body));
};

/** A did:web document with a Multikey under assertionMethod and authentication (relative ids). */
function webDocument(did: string, publicKeyMultibase: string) {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{ id: '#key-1', type: 'Multikey', controller: did, publicKeyMultibase }],
    assertionMethod: ['#key-1'],
    authentication: [`${did}#key-1`],
  };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? 'uncoded';
  }
  return 'no error';
}

describe('did:key', () => {
  it('resolves to the Multikey document without I/O', async () => {
    const did = `did:key:${generateKeyPair().publicKeyMultibase}`;
    expect(await resolveDid(createResolver(), did)).toEqual(didKeyDocument(did));
    expect(await resolveDid(createResolver(), `${did}#${did.slice(8)}`)).toEqual(didKeyDocument(did));
  });

  it('codes: invalid did:key, unsupported method, not a DID', async () => {
    const resolver = createResolver();
    expect(await code(resolveDid(resolver, 'did:key:z6MkNOTAKEY'))).toBe('XP_DID_INVALID');
    expect(await code(resolveDid(resolver, 'did:ion:EiAbc'))).toBe('XP_DID_METHOD_UNSUPPORTED');
    expect(await code(resolveDid(resolver, 'not a did'))).toBe('XP_DID_INVALID');
  });
});

describe('did:web over an injected fetch', () => {
  it('fetches the mapped URL (with %3A port) and checks the id', async () => {
    const { publicKeyMultibase } = generateKeyPair();
    const did = 'did:web:issuer.example%3A8443:tenants:acme';
    routes.set('issuer.example:8443/tenants/acme/did.json', json(webDocument(did, publicKeyMultibase)));
    const resolver = createResolver({ web: { fetch: loopbackFetch } });
    expect((await resolveDid(resolver, did)).id).toBe(did);
    expect(requests).toContain('issuer.example:8443/tenants/acme/did.json');
  });

  it('XP_DID_UNRESOLVED for 404, non-JSON, a wrong id, too large, a network failure, and offline', async () => {
    const { publicKeyMultibase } = generateKeyPair();
    routes.set('notjson.example/.well-known/did.json', (res) => res.end('<html>'));
    routes.set('other.example/.well-known/did.json', json(webDocument('did:web:evil.example', publicKeyMultibase)));
    routes.set('big.example/.well-known/did.json', json({ id: 'did:web:big.example', pad: 'x'.repeat(300_000) }));
    const resolver = createResolver({ web: { fetch: loopbackFetch } });
    for (const did of ['did:web:missing.example', 'did:web:notjson.example', 'did:web:other.example', 'did:web:big.example']) {
      expect({ did, code: await code(resolveDid(resolver, did)) }).toEqual({ did, code: 'XP_DID_UNRESOLVED' });
    }
    const down = createResolver({ web: { fetch: () => Promise.reject(new TypeError('connect ECONNREFUSED')) } });
    expect(await code(resolveDid(down, 'did:web:issuer.example'))).toBe('XP_DID_UNRESOLVED');
    // Without fetch (offline verification) a did:web not in the bundle is unresolved, never fetched.
    const before = requests.length;
    expect(await code(resolveDid(createResolver(), 'did:web:issuer.example'))).toBe('XP_DID_UNRESOLVED');
    expect(requests.length).toBe(before);
  });

  it('refuses IP-address hosts before any request', async () => {
    const before = requests.length;
    const resolver = createResolver({ web: { fetch: loopbackFetch } });
    expect(await code(resolveDid(resolver, 'did:web:127.0.0.1%3A80'))).toBe('XP_DID_INVALID');
    expect(requests.length).toBe(before);
  });
});

describe('bundle documents', () => {
  it('resolve offline; a document whose id is not its key is refused', async () => {
    const { publicKeyMultibase } = generateKeyPair();
    const did = 'did:web:gov.example';
    const resolver = createResolver({
      documents: { [did]: webDocument(did, publicKeyMultibase), 'did:web:liar.example': webDocument(did, publicKeyMultibase) },
    });
    expect((await resolveDid(resolver, did)).id).toBe(did);
    expect(await code(resolveDid(resolver, 'did:web:liar.example'))).toBe('XP_DID_UNRESOLVED');
  });
});

describe.each(['eddsa-jcs-2022', 'eddsa-rdfc-2022'] as Cryptosuite[])(
  'resolveVerificationMethod with verifyProof (%s)',
  (suite) => {
    const keyPair = generateKeyPair();
    const did = 'did:web:authority.example';
    const vm = `${did}#key-1`;
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
      type: ['VerifiableCredential'],
      issuer: did,
      credentialSubject: { id: 'did:example:agent', role: 'operator' },
    };

    it('accepts a did:web issuer whose document authorizes the key for assertionMethod', async () => {
      const resolve = verificationMethodResolver(createResolver({ documents: { [did]: webDocument(did, keyPair.publicKeyMultibase) } }));
      const signed = await signCredential(credential, { keyPair, suite, verificationMethod: vm });
      expect(await verifyProof(signed, { resolveVerificationMethod: resolve, expectedProofPurpose: 'assertionMethod' })).toMatchObject({
        verified: true,
        controller: did,
      });
    });

    it('XP_PROOF_INVALID when the key is not authorized for the purpose, absent, or someone else’s', async () => {
      const doc = webDocument(did, keyPair.publicKeyMultibase);
      const signed = await signCredential(credential, { keyPair, suite, verificationMethod: vm });
      const verify = (documents: Record<string, unknown>) =>
        verifyProof(signed, {
          resolveVerificationMethod: verificationMethodResolver(createResolver({ documents })),
          expectedProofPurpose: 'assertionMethod',
        });
      expect(await verify({ [did]: { ...doc, assertionMethod: [] } })).toMatchObject({ code: 'XP_PROOF_INVALID' });
      expect(await verify({ [did]: { ...doc, verificationMethod: [] } })).toMatchObject({ code: 'XP_PROOF_INVALID' });
      const otherKey = generateKeyPair().publicKeyMultibase;
      expect(await verify({ [did]: webDocument(did, otherKey) })).toMatchObject({ code: 'XP_PROOF_INVALID' });
      const foreign = { ...doc, verificationMethod: [{ ...doc.verificationMethod[0], controller: 'did:web:x.example' }] };
      expect(await verify({ [did]: foreign })).toMatchObject({ code: 'XP_PROOF_INVALID' });
      expect(await verify({})).toMatchObject({ code: 'XP_DID_UNRESOLVED' });
    });

    it('authentication: the holder’s did:key signs a presentation', async () => {
      const agent = generateKeyPair();
      const holder = `did:key:${agent.publicKeyMultibase}`;
      const vp = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder };
      const signed = await signPresentation(vp, { keyPair: agent, suite, challenge: 'n-1' });
      const resolveVm = verificationMethodResolver(createResolver());
      expect(
        await verifyProof(signed, { resolveVerificationMethod: resolveVm, expectedProofPurpose: 'authentication', challenge: 'n-1' }),
      ).toMatchObject({ verified: true, controller: holder });
    });
  },
);

describe('resolveVerificationMethod codes', () => {
  it('maps resolution failures to DESIGN codes', async () => {
    const resolver = createResolver();
    expect(await code(resolveVerificationMethod(resolver, 'did:ion:abc#k', 'assertionMethod'))).toBe('XP_DID_UNRESOLVED');
    expect(await code(resolveVerificationMethod(resolver, 'did:web:a.example#k', 'assertionMethod'))).toBe('XP_DID_UNRESOLVED');
    expect(await code(resolveVerificationMethod(resolver, 'did:key:z6Mkbad#z6Mkbad', 'assertionMethod'))).toBe('XP_PROOF_INVALID');
    expect(await code(resolveVerificationMethod(resolver, 'did:web:a.example', 'assertionMethod'))).toBe('XP_PROOF_INVALID');
  });

  it('accepts Ed25519 JWK methods, refuses other key types', async () => {
    const { publicKeyMultibase, publicKey } = generateKeyPair();
    const did = 'did:web:jwk.example';
    const jwkDoc = {
      id: did,
      verificationMethod: [
        { id: `${did}#j`, type: 'JsonWebKey', controller: did, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') } },
        { id: `${did}#p`, type: 'JsonWebKey', controller: did, publicKeyJwk: { kty: 'EC', crv: 'P-256', x: 'a', y: 'b' } },
      ],
      assertionMethod: [`${did}#j`, `${did}#p`],
    };
    const resolver = createResolver({ documents: { [did]: jwkDoc } });
    expect((await resolveVerificationMethod(resolver, `${did}#j`, 'assertionMethod')).publicKeyMultibase).toBe(publicKeyMultibase);
    expect(await code(resolveVerificationMethod(resolver, `${did}#p`, 'assertionMethod'))).toBe('XP_PROOF_INVALID');
  });
});
