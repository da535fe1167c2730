import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XPROV_CONTEXT_URL, xprovContext } from '@xprov/format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDocumentLoader,
  DATA_INTEGRITY_V2_URL,
  DID_V1_URL,
  EXAMPLES_V2_URL,
  MULTIKEY_V1_URL,
  resolveDidKeyVerificationMethod,
  STATUS_LIST_V1_URL,
  signCredential,
  verifyProof,
} from '../src/index.js';
import { credential, newIdentity } from './helpers.js';

let hits = 0;
let url = '';
const server = createServer((_req, res) => {
  hits++;
  res.setHeader('content-type', 'application/ld+json');
  res.end(JSON.stringify({ '@context': { '@vocab': 'https://evil.example#' } }));
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/context/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? 'uncoded';
  }
  return 'no error';
}

describe('static document loader', () => {
  it('serves exactly the bundled contexts, the xprov one from @xprov/format', async () => {
    const loader = createDocumentLoader();
    expect(loader.urls().sort()).toEqual(
      [
        'https://www.w3.org/ns/credentials/v2',
        'https://www.w3.org/2018/credentials/v1',
        DATA_INTEGRITY_V2_URL,
        MULTIKEY_V1_URL,
        DID_V1_URL,
        STATUS_LIST_V1_URL,
        EXAMPLES_V2_URL,
        XPROV_CONTEXT_URL,
      ].sort(),
    );
    expect((await loader(XPROV_CONTEXT_URL)).document).toBe(xprovContext);
    expect((await loader(EXAMPLES_V2_URL)).document).toEqual({
      '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' },
    });
  });

  it('refuses an unknown URL with XP_CONTEXT_UNKNOWN and never makes the request', async () => {
    const loader = createDocumentLoader();
    expect(await code(loader(url))).toBe('XP_CONTEXT_UNKNOWN');
    const { keyPair, did } = newIdentity();
    const unsigned = { ...credential(did), '@context': ['https://www.w3.org/ns/credentials/v2', url] };
    for (const suite of ['eddsa-jcs-2022', 'eddsa-rdfc-2022'] as const) {
      expect(await code(signCredential(unsigned, { keyPair, suite }))).toBe('XP_CONTEXT_UNKNOWN');
      // A proof made with a loader that knows the URL still fails where the URL is unknown.
      const signed = await signCredential(unsigned, {
        keyPair,
        suite,
        documentLoader: createDocumentLoader({ extra: { [url]: { '@context': { '@vocab': 'https://x.example#' } } } }),
      });
      const r = await verifyProof(signed, {
        resolveVerificationMethod: resolveDidKeyVerificationMethod,
        expectedProofPurpose: 'assertionMethod',
      });
      expect(r).toMatchObject({ verified: false, code: 'XP_CONTEXT_UNKNOWN' });
    }
    expect(hits).toBe(0);
  });

  it('reports a context hidden inside an inline context as XP_CONTEXT_UNKNOWN (rdfc)', async () => {
    const { keyPair, did } = newIdentity();
    const unsigned = {
      ...credential(did),
      '@context': ['https://www.w3.org/ns/credentials/v2', { '@context': url, x: 'https://x.example#x' }],
    };
    const nested = { ...unsigned, '@context': ['https://www.w3.org/ns/credentials/v2', { '@import': url }] };
    expect(await code(signCredential(nested, { keyPair, suite: 'eddsa-rdfc-2022' }))).toBe('XP_CONTEXT_UNKNOWN');
    expect(hits).toBe(0);
  });

  it('does not let extra documents replace a built-in context', () => {
    let caught: unknown;
    try {
      createDocumentLoader({ extra: { [XPROV_CONTEXT_URL]: {} } });
    } catch (e) {
      caught = e;
    }
    expect((caught as { code?: string }).code).toBe('XP_CONTEXT_UNKNOWN');
  });
});
