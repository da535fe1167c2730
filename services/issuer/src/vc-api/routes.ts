/**
 * The VC-API routes (W3C CCG VC-API v0.3: /credentials/issue, /credentials/verify,
 * /presentations/verify) and DID resolution (`GET /1.0/identifiers/:did`), mounted on the
 * governor app (spec/governor.md §VC-API). Order as on every governor route: API key and role
 * (401/403) → body size (413) → JSON (400) → shape (400) → the operation. Failures are problem
 * details (RFC 9457, as VC-API asks) that also carry the xprov `code`; a failed verification
 * is 400 with `verified: false`.
 */
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { CRYPTOSUITES } from '@xprov/crypto';
import { isXprovError, XprovError } from '@xprov/format';
import type { ApiKeyAuth } from '../auth.js';
import { statusFor } from '../codes.js';
import { limitBody, readBody } from '../http.js';
import type { ApiKeyRecord } from '../store.js';
import { problemType } from './codes.js';
import { resolveDidKey } from './did-resolution.js';
import type { VcApi } from './service.js';

const Suite = z.enum(CRYPTOSUITES);
const IssueBody = z.strictObject({
  credential: z.unknown(),
  options: z
    .strictObject({
      cryptosuite: Suite.optional(),
      credentialStatus: z.strictObject({ type: z.literal('BitstringStatusListEntry'), statusPurpose: z.literal('revocation').optional() }).optional(),
    })
    .optional(),
});
const VerifyOptions = z
  .strictObject({
    checks: z.array(z.string().max(64)).max(16).optional(),
    challenge: z.string().min(1).max(1024).optional(),
    domain: z.string().min(1).max(1024).optional(),
    expectedProofPurpose: z.string().max(64).optional(),
  })
  .optional();
const VerifyCredentialBody = z.strictObject({ verifiableCredential: z.unknown(), options: VerifyOptions });
const VerifyPresentationBody = z.strictObject({ verifiablePresentation: z.unknown(), options: VerifyOptions });

type Env = { Variables: { apiKey: ApiKeyRecord } };

/** RFC 9457 problem details with the xprov code; verify routes add `verified: false`. */
function problem(e: unknown, verify: boolean): { body: Record<string, unknown>; status: ContentfulStatusCode } {
  const code = isXprovError(e) ? e.code : 'XP_INTERNAL';
  const detail = isXprovError(e) ? e.message : 'internal error';
  let status = statusFor(code);
  // Anything a verifier refuses about the document itself is invalid input (VC-API: 400).
  if (verify && status === 403 && code !== 'XP_AUTH_FORBIDDEN') status = 400;
  if (status === 500 && isXprovError(e)) status = 400;
  const p = { type: problemType(code), title: code, detail, code };
  const issues = isXprovError(e) ? (e.details as { issues?: unknown } | undefined)?.issues : undefined;
  const body: Record<string, unknown> = verify ? { verified: false, ...p, errors: [p] } : { ...p };
  if (issues !== undefined) body.issues = issues;
  return { body, status };
}

export function vcApiRoutes(api: VcApi, auth: ApiKeyAuth): Hono<Env> {
  const app = new Hono<Env>();
  const body = limitBody();
  app.onError((e, c) => {
    const verify = c.req.path.endsWith('/verify');
    const { body: b, status } = problem(e, verify);
    return c.json(b, status, { 'content-type': 'application/problem+json' });
  });

  const issue = async (c: Context, suite?: string) => {
    const b = await readBody(c, IssueBody);
    const chosen = suite ?? b.options?.cryptosuite;
    if (suite !== undefined && b.options?.cryptosuite !== undefined && b.options.cryptosuite !== suite) {
      throw new XprovError('XP_BODY_INVALID', `this route issues with ${suite}`);
    }
    const vc = await api.issue(b.credential, {
      cryptosuite: chosen as z.infer<typeof Suite> | undefined,
      credentialStatus: b.options?.credentialStatus,
    });
    return c.json({ verifiableCredential: vc }, 201);
  };

  // Issuing signs with this service's VC-API key: authorities (and admins) only.
  app.post('/credentials/issue', auth.require('authority', 'admin'), body, (c) => issue(c));
  app.post('/suites/:suite/credentials/issue', auth.require('authority', 'admin'), body, (c) => {
    const suite = Suite.safeParse(c.req.param('suite'));
    if (!suite.success) throw new XprovError('XP_CRYPTOSUITE_UNSUPPORTED', 'unknown cryptosuite');
    return issue(c, suite.data);
  });

  // Verifying changes nothing: any role may verify.
  const verifyRoles = auth.require('auditor', 'agent', 'authority', 'admin');
  for (const prefix of ['', '/suites/:suite']) {
    app.post(`${prefix}/credentials/verify`, verifyRoles, body, async (c) => {
      const b = await readBody(c, VerifyCredentialBody);
      if (b.options?.expectedProofPurpose !== undefined && b.options.expectedProofPurpose !== 'assertionMethod') {
        throw new XprovError('XP_PROOF_INVALID', 'credentials are verified for assertionMethod');
      }
      return c.json(await api.verifyCredential(b.verifiableCredential, b.options), 200);
    });
    app.post(`${prefix}/presentations/verify`, verifyRoles, body, async (c) => {
      const b = await readBody(c, VerifyPresentationBody);
      if (b.options?.expectedProofPurpose !== undefined && b.options.expectedProofPurpose !== 'authentication') {
        throw new XprovError('XP_PROOF_INVALID', 'presentations are verified for authentication');
      }
      return c.json(await api.verifyPresentation(b.verifiablePresentation, b.options), 200);
    });
  }

  // DID resolution of did:key: public, like DID documents (DESIGN §6); pure computation.
  app.get('/1.0/identifiers/:did{.+}', (c) => {
    // Hono has already percent-decoded the parameter once (the suites send encodeURIComponent(did)).
    const r = resolveDidKey(c.req.param('did'), {
      publicKeyFormat: c.req.query('publicKeyFormat'),
      enableExperimentalPublicKeyTypes: c.req.query('enableExperimentalPublicKeyTypes'),
    });
    return c.json(r.body, r.status, { 'content-type': 'application/ld+json;profile="https://w3id.org/did-resolution"' });
  });
  return app;
}
