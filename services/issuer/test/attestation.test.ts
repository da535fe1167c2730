/** GET /executions/:id/attestation (issue 6): the governor's Sigstore export of an execution. */
import { verifySigstoreExport } from '@xprov/interop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, askPermit, call, type Harness, harness, report, trustFor } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

describe('GET /executions/:id/attestation', () => {
  it('serves a Sigstore bundle that verifies with the governor key and matches the execution bundle', async () => {
    const a = await actors(h);
    const p = await askPermit(h, a.agent, [a.grant]);
    await report(h, a.agent, p.body.permit);
    const res = await h.app.request(`/executions/${p.body.executionId}/attestation`, {
      headers: { authorization: `Bearer ${h.adminKey}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    const attestation = await res.json();
    const bundle = (await call(h.app, 'GET', `/executions/${p.body.executionId}/bundle`, h.adminKey)).body;
    const trust = trustFor(h, [a.authority.did]);
    const result = await verifySigstoreExport(attestation, trust, bundle);
    expect(result.verdict).toBe('valid');
    // A changed byte of the signed payload fails.
    const tampered = structuredClone(attestation);
    const payload = Buffer.from(tampered.dsseEnvelope.payload, 'base64');
    payload[payload.length - 2]! ^= 1;
    tampered.dsseEnvelope.payload = payload.toString('base64');
    expect((await verifySigstoreExport(tampered, trust, bundle)).verdict).not.toBe('valid');
  });

  it('refuses a denial and an execution without outcome (409 XP_EXPORT_UNSUPPORTED)', async () => {
    const a = await actors(h);
    const denied = await askPermit(h, a.agent, [a.grant], { parameters: { amount: '900.00', currency: 'USD' } });
    expect(denied.status).toBe(403);
    const d = await call(h.app, 'GET', `/executions/${denied.body.error.executionId}/attestation`, h.adminKey);
    expect(d.status).toBe(409);
    expect(d.body.error.code).toBe('XP_EXPORT_UNSUPPORTED');
    const p = await askPermit(h, a.agent, [a.grant]);
    const running = await call(h.app, 'GET', `/executions/${p.body.executionId}/attestation`, h.adminKey);
    expect(running.status).toBe(409);
    expect(running.body.error.code).toBe('XP_EXPORT_UNSUPPORTED');
  });

  it('needs a key with the right role, and names existing executions only', async () => {
    const a = await actors(h);
    const p = await askPermit(h, a.agent, [a.grant]);
    await report(h, a.agent, p.body.permit);
    const path = `/executions/${p.body.executionId}/attestation`;
    expect((await call(h.app, 'GET', path)).body.error.code).toBe('XP_AUTH_MISSING');
    expect((await call(h.app, 'GET', path, 'xpk_wrong')).body.error.code).toBe('XP_AUTH_INVALID');
    expect((await call(h.app, 'GET', path, a.authority.apiKey)).body.error.code).toBe('XP_AUTH_FORBIDDEN');
    const missing = await call(h.app, 'GET', '/executions/urn:uuid:00000000-0000-4000-8000-000000000000/attestation', h.adminKey);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('XP_NOT_FOUND');
  });
});
