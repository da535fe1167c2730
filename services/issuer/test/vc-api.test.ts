/**
 * VC-API routes (spec/governor.md §VC-API) against a real governor (SQLite, log server on
 * 127.0.0.1): auth and body rules, issuance per cryptosuite, what issuance refuses (with nothing
 * allocated), credential and presentation verification and their codes. Codes, never messages.
 */
import { generateKeyPair, signCredential, signPresentation } from '@xprov/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VCAPI_STATUS_LIST_ID } from '../src/index.js';
import { call, type Harness, harness, type Loose, newAgentKey } from './helpers.js';

const V2 = 'https://www.w3.org/ns/credentials/v2';
const EX = 'https://www.w3.org/ns/credentials/examples/v2';
const cred = (extra: Record<string, unknown> = {}) => ({
  '@context': [V2, EX],
  type: ['VerifiableCredential', 'ExampleCredential'],
  credentialSubject: { id: 'did:example:alice', name: 'Alice' },
  ...extra,
});

let h: Harness;
let authorityKey: string;
let auditorKey: string;
let agentKey: string;

beforeAll(async () => {
  h = await harness();
  authorityKey = (await call(h.app, 'POST', '/api-keys', h.adminKey, { role: 'authority' })).body.apiKey;
  auditorKey = (await call(h.app, 'POST', '/api-keys', h.adminKey, { role: 'auditor' })).body.apiKey;
  agentKey = (await call(h.app, 'POST', '/api-keys', h.adminKey, { role: 'agent' })).body.apiKey;
});
afterAll(() => h.close());

async function issue(credential: unknown, options?: unknown, path = '/credentials/issue') {
  return call(h.app, 'POST', path, authorityKey, { credential, ...(options === undefined ? {} : { options }) });
}
async function verify(vc: unknown, options?: unknown) {
  return call(h.app, 'POST', '/credentials/verify', auditorKey, { verifiableCredential: vc, ...(options === undefined ? {} : { options }) });
}

describe('auth and bodies (fail-closed, nothing changes)', () => {
  it('no key 401, wrong key 401, wrong role 403, oversized 413, not JSON 400, wrong shape 400', async () => {
    const body = { credential: cred() };
    expect((await call(h.app, 'POST', '/credentials/issue', undefined, body)).body.code).toBe('XP_AUTH_MISSING');
    expect((await call(h.app, 'POST', '/credentials/issue', 'xpk_wrong', body)).body.code).toBe('XP_AUTH_INVALID');
    const forbidden = await call(h.app, 'POST', '/credentials/issue', agentKey, body);
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'XP_AUTH_FORBIDDEN']);
    const big = await call(h.app, 'POST', '/credentials/issue', authorityKey, { credential: cred({ pad: 'x'.repeat(1_100_000) }) });
    expect([big.status, big.body.code]).toEqual([413, 'XP_BODY_TOO_LARGE']);
    const notJson = await call(h.app, 'POST', '/credentials/verify', auditorKey, '{nope');
    expect([notJson.status, notJson.body.code]).toEqual([400, 'XP_BODY_MALFORMED']);
    const shape = await call(h.app, 'POST', '/credentials/issue', authorityKey, { credential: cred(), options: { unknown: 1 } });
    expect([shape.status, shape.body.code]).toEqual([400, 'XP_BODY_INVALID']);
    const suite = await issue(cred(), undefined, '/suites/eddsa-foo/credentials/issue');
    expect(suite.body.code).toBe('XP_CRYPTOSUITE_UNSUPPORTED');
    expect(await h.store.getStatusList(VCAPI_STATUS_LIST_ID)).toBeUndefined();
  });
});

describe('issue and verify', () => {
  it.each(['eddsa-rdfc-2022', 'eddsa-jcs-2022'])('%s: 201, signed by the VC-API key (not the governor), verifies', async (suite) => {
    const r = await issue(cred(), undefined, `/suites/${suite}/credentials/issue`);
    expect(r.status).toBe(201);
    const vc = r.body.verifiableCredential;
    expect(vc.proof.cryptosuite).toBe(suite);
    expect(vc.issuer).not.toBe(h.gov.did);
    expect(vc.credentialSubject).toEqual({ id: 'did:example:alice', name: 'Alice' });
    const v = await verify(vc);
    expect([v.status, v.body.verified]).toEqual([200, true]);
    // options.cryptosuite on the plain route selects the same suite
    expect((await issue(cred(), { cryptosuite: suite })).body.verifiableCredential.proof.cryptosuite).toBe(suite);
  });

  it('refuses non-conforming credentials with codes and allocates no status entry', async () => {
    const status = { credentialStatus: { type: 'BitstringStatusListEntry' } };
    const cases: [unknown, string][] = [
      [{ type: ['VerifiableCredential'], credentialSubject: { id: 'did:example:a' } }, 'XP_MALFORMED'],
      [cred({ '@context': [EX, V2] }), 'XP_MALFORMED'],
      [cred({ '@context': [V2, 'https://example.com/unknown/v1'] }), 'XP_CONTEXT_UNKNOWN'],
      [cred({ '@context': [V2, 42] }), 'XP_MALFORMED'],
      [cred({ issuer: 'did:example:someone-else' }), 'XP_VCAPI_ISSUER_MISMATCH'],
      [cred({ type: ['VerifiableCredential', 'ExecutionPermitCredential'] }), 'XP_VCAPI_RESERVED_TYPE'],
      [cred({ type: ['ExampleCredential'] }), 'XP_MALFORMED'],
      [cred({ credentialSubject: {} }), 'XP_MALFORMED'],
      [cred({ id: 'https ://not-a-url/1' }), 'XP_MALFORMED'],
      [cred({ validFrom: '2030-01-01T00:00:00Z', validUntil: '2020-01-01T00:00:00Z' }), 'XP_MALFORMED'],
      [cred({ validFrom: '2020-01-01' }), 'XP_MALFORMED'],
      [cred({ credentialSchema: { id: 'did:example:schema' } }), 'XP_MALFORMED'],
      [cred({ '@context': [V2, { '@vocab': null }], type: ['VerifiableCredential', 'Unmapped'] }), 'XP_MALFORMED'],
      [cred({ '@context': [V2, { VerifiableCredential: 'https://example.org/#Bad' }] }), 'XP_MALFORMED'],
      [cred({ name: { '@value': 'x', '@language': 'en', extra: 1 } }), 'XP_MALFORMED'],
      [cred({ relatedResource: [{ id: V2, digestMultibase: 'uM4RgWQc3RUDtjJCSgTJtTfvpZ7SPEg_LNO0ESlovQC0' }] }), 'XP_MALFORMED'],
      [cred({ relatedResource: [{ id: V2 }] }), 'XP_MALFORMED'],
      [cred({ statusEntry: { type: 'BitstringStatusListEntry', statusListIndex: true, statusListCredential: 'https://example.com' } }), 'XP_MALFORMED'],
      [{ ...cred(), proof: {} }, 'XP_MALFORMED'],
    ];
    for (const [c, code] of cases) {
      const r = await issue(c, status);
      expect([r.status, r.body.code], JSON.stringify(c)).toEqual([400, code]);
    }
    expect(await h.store.getStatusList(VCAPI_STATUS_LIST_ID)).toBeUndefined();
  });

  it('accepts what VC 2.0 allows: language values with direction, related resources with the published digest, VC 1.1', async () => {
    const directed = cred({ name: { '@value': 'x', '@language': 'ar', '@direction': 'rtl' } });
    expect((await issue(directed, { cryptosuite: 'eddsa-jcs-2022' })).status).toBe(201);
    // Known limit: eddsa-rdfc-2022 (JSON-LD safe mode, no rdfDirection) cannot sign @direction.
    expect((await issue(directed, { cryptosuite: 'eddsa-rdfc-2022' })).body.code).toBe('XP_MALFORMED');
    expect((await issue(cred({ relatedResource: { id: V2, digestMultibase: 'uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k' } }))).status).toBe(201);
    const v1 = await issue({
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuanceDate: '2020-03-16T22:37:26.544Z',
      credentialSubject: { id: 'did:example:alice' },
    });
    expect(v1.status).toBe(201);
    expect((await verify(v1.body.verifiableCredential)).body.verified).toBe(true);
  });

  it('verify refuses tampering, wrong shapes, and the validity period against now', async () => {
    const vc = (await issue(cred())).body.verifiableCredential as Loose;
    const tampered = structuredClone(vc);
    tampered.credentialSubject.name = 'Mallory';
    const noProof = structuredClone(vc);
    delete noProof.proof;
    const badSuite = structuredClone(vc);
    badSuite.proof.cryptosuite = 'eddsa-2022';
    const expired = (await issue(cred({ validUntil: '2020-01-01T00:00:00Z' }))).body.verifiableCredential;
    const future = (await issue(cred({ validFrom: '2999-01-01T00:00:00Z' }))).body.verifiableCredential;
    const cases: [unknown, string][] = [
      [tampered, 'XP_PROOF_INVALID'],
      [noProof, 'XP_PROOF_INVALID'],
      [{ ...vc, proof: null }, 'XP_PROOF_INVALID'],
      [badSuite, 'XP_CRYPTOSUITE_UNSUPPORTED'],
      [JSON.stringify(vc), 'XP_MALFORMED'],
      [{ type: ['NonconformingDocument'] }, 'XP_MALFORMED'],
      [{ ...vc, '@context': [] }, 'XP_MALFORMED'],
      [expired, 'XP_EXPIRED'],
      [future, 'XP_NOT_YET_VALID'],
      [{ '@context': V2, type: 'EnvelopedVerifiableCredential', id: 'data:application/vc+jwt,eyJ' }, 'XP_VCAPI_UNSUPPORTED'],
    ];
    for (const [c, code] of cases) {
      const r = await verify(c);
      expect([r.status, r.body.verified, r.body.code]).toEqual([400, false, code]);
    }
  });

  it('status: entries on the governor’s list, revocation seen by verify, foreign lists fail closed when asked', async () => {
    const vc = (await issue(cred(), { credentialStatus: { type: 'BitstringStatusListEntry' } })).body.verifiableCredential;
    expect(vc.credentialStatus.statusListCredential).toBe(`http://governor.test/status-lists/${VCAPI_STATUS_LIST_ID}`);
    const list = await call(h.app, 'GET', `/status-lists/${VCAPI_STATUS_LIST_ID}`);
    expect(list.body.type).toContain('BitstringStatusListCredential');
    expect((await verify(vc, { checks: ['proof', 'credentialStatus'] })).body.verified).toBe(true);
    await h.store.setStatusBit(VCAPI_STATUS_LIST_ID, Number(vc.credentialStatus.statusListIndex));
    expect((await verify(vc)).body.code).toBe('XP_REVOKED');
    const foreign = (
      await issue(
        cred({
          credentialStatus: {
            type: 'BitstringStatusListEntry',
            statusPurpose: 'revocation',
            statusListIndex: '7',
            statusListCredential: 'https://status.example.org/list/1',
          },
        }),
      )
    ).body.verifiableCredential;
    expect((await verify(foreign)).body.warnings[0].code).toBe('XP_STATUS_UNKNOWN');
    expect((await verify(foreign, { checks: ['credentialStatus'] })).body.code).toBe('XP_STATUS_UNKNOWN');
  });

  it('proof sets verify when every proof does and one is the issuer’s; chains need their previous proof', async () => {
    const issuerKey = generateKeyPair();
    const other = generateKeyPair();
    const issuer = `did:key:${issuerKey.publicKeyMultibase}`;
    const unsigned = cred({ issuer });
    const p1 = (await signCredential(unsigned, { keyPair: issuerKey, suite: 'eddsa-rdfc-2022' })).proof;
    const p2 = (await signCredential(unsigned, { keyPair: other, suite: 'eddsa-rdfc-2022' })).proof;
    expect((await verify({ ...unsigned, proof: [p1, p2] })).body.verified).toBe(true);
    expect((await verify({ ...unsigned, proof: [p2] })).body.code).toBe('XP_PROOF_INVALID');
    const chained = { ...p2, previousProof: 'urn:uuid:missing' };
    expect((await verify({ ...unsigned, proof: [p1, chained] })).body.code).toBe('XP_PROOF_INVALID');
  });
});

describe('presentations', () => {
  it('verify the holder’s proof with challenge and domain, and every credential inside', async () => {
    const holder = newAgentKey();
    const vc = (await issue(cred())).body.verifiableCredential as Loose;
    const vp = { '@context': [V2], type: ['VerifiablePresentation'], holder: holder.did, verifiableCredential: [vc] };
    const signed = await signPresentation(vp, { keyPair: holder.key, challenge: 'c-1', domain: 'example.org', suite: 'eddsa-rdfc-2022' });
    const post = (p: unknown, options: unknown) => call(h.app, 'POST', '/presentations/verify', agentKey, { verifiablePresentation: p, options });
    expect((await post(signed, { challenge: 'c-1', domain: 'example.org' })).body.verified).toBe(true);
    expect((await post(signed, { challenge: 'c-2', domain: 'example.org' })).body.code).toBe('XP_PRESENTATION_INVALID');
    expect((await post(vp, { challenge: 'c-1' })).body.code).toBe('XP_PROOF_INVALID');
    expect((await post({ ...signed, '@context': [EX, V2] }, {})).body.code).toBe('XP_MALFORMED');
    const other = newAgentKey();
    expect((await post({ ...signed, holder: other.did }, { challenge: 'c-1' })).body.code).toBe('XP_PROOF_INVALID');
    const tamperedVc = structuredClone(vc);
    tamperedVc.credentialSubject.name = 'Mallory';
    const withBad = await signPresentation({ ...vp, verifiableCredential: [tamperedVc] }, { keyPair: holder.key, challenge: 'c-1' });
    expect((await post(withBad, { challenge: 'c-1' })).body.code).toBe('XP_PROOF_INVALID');
  });
});

describe('did:key resolution (GET /1.0/identifiers/:did)', () => {
  it('resolves, dereferences the key’s fragment, and reports the did:key spec errors', async () => {
    const { did } = newAgentKey();
    const mb = did.slice('did:key:'.length);
    const get = (x: string, q = '') => call(h.app, 'GET', `/1.0/identifiers/${encodeURIComponent(x)}${q}`);
    const ok = await get(did);
    expect([ok.status, ok.body.didDocument.id, ok.body.didDocument.assertionMethod]).toEqual([200, did, [`${did}#${mb}`]]);
    expect((await get(`${did}#${mb}`)).body.didDocument.controller).toBe(did);
    const errors: [string, string, string, string][] = [
      ['notdid:key:z6Mk', '', 'didResolutionMetadata', 'invalidDid'],
      ['did:web:example.com', '', 'didResolutionMetadata', 'methodNotSupported'],
      [`did:key:-4:${mb}`, '', 'didResolutionMetadata', 'invalidDid'],
      [`did:key:${mb.slice(1)}`, '', 'didResolutionMetadata', 'invalidDid'],
      ['did:key:zTjsVPtY', '', 'didResolutionMetadata', 'invalidPublicKeyLength'],
      [`${did}/^bar^/?q=\`#${mb}`, '', 'didDereferencingMetadata', 'invalidDidUrl'],
      [did, '?publicKeyFormat=unknown', 'didResolutionMetadata', 'unsupportedPublicKeyType'],
      [`${did}#${mb}`, '?publicKeyFormat=Ed25519VerificationKey2018&enableExperimentalPublicKeyTypes=false', 'didDereferencingMetadata', 'invalidPublicKeyType'],
      [`${did}#other`, '', 'didDereferencingMetadata', 'notFound'],
    ];
    for (const [x, q, where, error] of errors) {
      const r = await get(x, q);
      expect(r.status, x).toBeGreaterThanOrEqual(400);
      expect(r.body[where]?.error, x).toBe(error);
    }
  });
});
