/**
 * The governor's HTTP API (DESIGN §6, spec/governor.md §Routes) on Hono. Order on every
 * protected route: API key and role (401/403) → body size (413) → JSON (400) → shape (400) →
 * the operation. Nothing is read or written before the key is accepted.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { type Ed25519KeyPair, generateKeyPair } from '@xprov/crypto';
import { XprovError } from '@xprov/format';
import { SIGSTORE_BUNDLE_MEDIA_TYPE } from './attestation.js';
import { ApiKeyAuth, apiKeyOf, createApiKey, ROLES } from './auth.js';
import { ISSUER_CODES } from './codes.js';
import type { Governor } from './governor.js';
import { errorResponse, limitBody, readBody } from './http.js';
import { Limits } from './limits.js';
import { didWebPath } from './resolver.js';
import type { ApiKeyRecord } from './store.js';
import { VcApi } from './vc-api/service.js';
import { vcApiRoutes } from './vc-api/routes.js';

const Did = z.string().regex(/^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/).max(2048);
const Str = z.string().min(1).max(2048);

const ApiKeyBody = z.strictObject({ role: z.enum(ROLES), subject: Did.optional() });
const AuthorityBody = z.strictObject({
  method: z.enum(['key', 'web']).default('key'),
  did: Did.optional(),
  secretKeyMultibase: Str.optional(),
});
const GrantBody = z.strictObject({
  issuer: Did.optional(),
  agent: Did,
  actions: z.array(Str).min(1).max(256),
  resources: z.array(Str).min(1).max(256),
  policy: z.strictObject({ source: z.string().min(1).max(65536) }).optional(),
  validFrom: Str.optional(),
  validUntil: Str,
  maxDelegationDepth: z.int().min(0).max(16).optional(),
});
const PermitBody = z.strictObject({ presentation: z.record(z.string(), z.unknown()), limits: Limits.optional() });
const OutcomeBody = z.strictObject({ presentation: z.record(z.string(), z.unknown()) });
const RevocationBody = z.strictObject({ credentialId: Str });

export interface IssuerAppOptions {
  /** The key VC-API issuance signs with (spec/governor.md §VC-API); a fresh one when absent. */
  vcApiKey?: Ed25519KeyPair;
}

export function createIssuerApp(gov: Governor, o: IssuerAppOptions = {}): Hono<{ Variables: { apiKey: ApiKeyRecord } }> {
  const app = new Hono<{ Variables: { apiKey: ApiKeyRecord } }>();
  const auth = new ApiKeyAuth(gov.store);
  const body = limitBody();
  app.onError((e, c) => errorResponse(c, e));
  app.notFound((c) => c.json({ error: { code: ISSUER_CODES.NOT_FOUND, message: 'no such route' } }, 404));
  app.use(async (c, next) => {
    const t = performance.now();
    await next();
    gov.metrics.http.observe({ route: c.req.routePath, status: String(c.res.status) }, (performance.now() - t) / 1000);
  });

  // ---- public ------------------------------------------------------------------------
  app.get('/healthz', async (c) => {
    const log = await gov.log.healthy();
    return c.json({ status: log ? 'ok' : 'degraded', governor: gov.did, log: { reachable: log } }, log ? 200 : 503);
  });
  app.get('/status-lists/:id', async (c) => {
    const list = await gov.statusList(c.req.param('id'));
    return c.json(list, 200, { 'cache-control': 'no-cache' });
  });
  // did:web documents of authorities hosted here (did:web §3.2: /.well-known/did.json or /<path>/did.json).
  app.get('*', async (c, next) => {
    if (!c.req.path.endsWith('/did.json')) return next();
    const host = (c.req.header('host') ?? '').toLowerCase();
    for (const a of await gov.store.listAuthorities()) {
      if (a.didDocument === undefined) continue;
      const { host: h, path } = didWebPath(a.did);
      if (path === c.req.path && h.toLowerCase() === host) return c.json(a.didDocument);
    }
    return c.json({ error: { code: ISSUER_CODES.NOT_FOUND, message: 'no DID document here' } }, 404);
  });

  // ---- admin -------------------------------------------------------------------------
  app.get('/metrics', auth.require('admin', 'auditor'), async (c) =>
    c.body(await gov.metrics.registry.metrics(), 200, { 'content-type': gov.metrics.registry.contentType }),
  );
  app.post('/api-keys', auth.require('admin'), body, async (c) => {
    const b = await readBody(c, ApiKeyBody);
    const { id, apiKey } = await createApiKey(gov.store, b.role, b.subject, gov.now());
    return c.json({ id, apiKey, role: b.role, ...(b.subject === undefined ? {} : { subject: b.subject }) }, 201);
  });
  app.post('/authorities', auth.require('admin'), body, async (c) => {
    const b = await readBody(c, AuthorityBody);
    const a = await gov.createAuthority(b);
    const key = await createApiKey(gov.store, 'authority', a.did, gov.now());
    return c.json(
      { did: a.did, verificationMethod: a.verificationMethod, publicKeyMultibase: a.publicKeyMultibase, didDocument: a.didDocument, apiKey: key.apiKey },
      201,
    );
  });

  // ---- authorities -------------------------------------------------------------------
  app.post('/grants', auth.require('authority', 'admin'), body, async (c) => {
    const b = await readBody(c, GrantBody);
    return c.json(await gov.issueGrant(b, apiKeyOf(c)), 201);
  });
  app.post('/revocations', auth.require('authority', 'admin'), body, async (c) => {
    const b = await readBody(c, RevocationBody);
    return c.json(await gov.revoke(b.credentialId, apiKeyOf(c)));
  });

  // ---- agents ------------------------------------------------------------------------
  app.post('/challenges', auth.require('agent'), async (c) => c.json(await gov.challenge(), 201));
  app.post('/permits', auth.require('agent'), body, async (c) => {
    const b = await readBody(c, PermitBody);
    return c.json(await gov.requestPermit(b, apiKeyOf(c)), 201);
  });
  app.post('/outcomes', auth.require('agent'), body, async (c) => {
    const b = await readBody(c, OutcomeBody);
    return c.json(await gov.reportOutcome(b, apiKeyOf(c)), 201);
  });

  // ---- VC-API (W3C conformance; vc-api/) --------------------------------------------
  app.route('/', vcApiRoutes(new VcApi(gov, o.vcApiKey ?? generateKeyPair()), auth));

  // ---- auditors ----------------------------------------------------------------------
  app.get('/executions/:id/bundle', auth.require('auditor', 'admin', 'agent'), async (c) => {
    const id = c.req.param('id');
    if (id.length > 100) throw new XprovError(ISSUER_CODES.NOT_FOUND, 'no such execution');
    return c.json(await gov.bundle(id, apiKeyOf(c)));
  });
  app.get('/executions/:id/attestation', auth.require('auditor', 'admin', 'agent'), async (c) => {
    const id = c.req.param('id');
    if (id.length > 100) throw new XprovError(ISSUER_CODES.NOT_FOUND, 'no such execution');
    const attestation = await gov.attestation(id, apiKeyOf(c));
    return c.body(JSON.stringify(attestation), 200, { 'content-type': SIGSTORE_BUNDLE_MEDIA_TYPE });
  });

  return app;
}
