/**
 * The xprov context (DESIGN §2) must let every credential type and presentation expand and
 * canonicalize in JSON-LD safe mode after the protected VC 2.0 context, as eddsa-rdfc-2022 does.
 */
import * as credentialsContext from '@digitalbazaar/credentials-context';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { CREDENTIALS_V2_CONTEXT_URL, XPROV_CONTEXT_URL, xprovContext } from '../src/index.js';
import { makeExecution } from './fixtures.js';

const v2 = credentialsContext.contexts.get(CREDENTIALS_V2_CONTEXT_URL);

async function documentLoader(url: string) {
  const document = url === XPROV_CONTEXT_URL ? xprovContext : url === CREDENTIALS_V2_CONTEXT_URL ? v2 : undefined;
  if (document === undefined) throw new Error(`unknown context ${url}`);
  return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
}

const canonize = (doc: object) =>
  jsonld.canonize(structuredClone(doc), {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    safe: true,
    documentLoader,
  }) as Promise<string>;

describe('xprov JSON-LD context', () => {
  const all = makeExecution();

  it.each(Object.entries(all))('%s canonicalizes in safe mode', async (_name, doc) => {
    const nquads = await canonize(doc);
    expect(nquads).toContain('<https://w3id.org/xprov#');
    expect(nquads.split('\n').length).toBeGreaterThan(5);
  });

  it('the chain in a permit keeps its order (@list)', async () => {
    const { permit } = all;
    const reversed = structuredClone(permit);
    reversed.credentialSubject.authorization.reverse();
    expect(await canonize(reversed)).not.toBe(await canonize(permit));
  });

  it('free-form parameters canonicalize as JSON literals', async () => {
    const nquads = await canonize(all.request);
    expect(nquads).toContain('^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON>');
  });

  it('safe mode rejects a term the context does not define (the test can fail)', async () => {
    const bad = structuredClone(all.permit) as unknown as { credentialSubject: Record<string, unknown> };
    bad.credentialSubject['undefinedTerm'] = 'x';
    await expect(canonize(bad)).rejects.toThrow();
  });

  it('does not redefine protected VC 2.0 terms', () => {
    const ours = Object.keys(xprovContext['@context']).filter((k) => !k.startsWith('@'));
    const theirs = new Set(Object.keys((v2 as { '@context': object })['@context']));
    expect(ours.filter((k) => theirs.has(k))).toEqual([]);
  });
});
