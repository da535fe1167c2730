/** The gate, outcomes, revocation and bundles, through the HTTP API with a real log. */
import { signPresentation } from '@xprov/crypto';
import { verifyBundle } from '@xprov/verifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Loose, actors, askPermit, call, delegate, harness, type Harness, report, requestPresentation, trustFor } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

function codes(res: { body: Loose }): string[] {
  return res.body.error.codes;
}

describe('permits', () => {
  it('permits a request within grant and policy, logged, and the bundle verifies offline as valid', async () => {
    const a = await actors(h);
    const p = await askPermit(h, a.agent, [a.grant], {}, { maxInvocations: 3, budget: 100 });
    expect(p.status).toBe(201);
    expect(p.body.permit.type).toEqual(['VerifiableCredential', 'ExecutionPermitCredential']);
    expect(p.body.permit.credentialSubject.limits).toEqual({ maxInvocations: 3, budget: 100 });
    expect(Number.isInteger(p.body.logIndex)).toBe(true);
    const o = await report(h, a.agent, p.body.permit, { events: [{ type: 'invocation', step: 'transfer', count: 1 }] });
    expect(o.res.status).toBe(201);
    expect(o.res.body.outcome.credentialSubject.status).toBe('succeeded');
    const b = await call(h.app, 'GET', `/executions/${p.body.executionId}/bundle`, h.adminKey);
    expect(b.status).toBe(200);
    const result = await verifyBundle(b.body, trustFor(h, [a.authority.did]));
    expect(result.checks.filter((c: Loose) => !c.ok)).toEqual([]);
    expect(result.verdict).toBe('valid');
  });

  it('permits through a delegation, logging the delegation before the permit', async () => {
    const a = await actors(h);
    const d = await delegate(a.grant, a.agent.key);
    const k = await call(h.app, 'POST', '/api-keys', h.adminKey, { role: 'agent', subject: d.sub.did });
    const sub = { ...d.sub, apiKey: k.body.apiKey };
    const p = await askPermit(h, sub, [a.grant, d.grant]);
    expect(p.status).toBe(201);
    expect(p.body.permit.credentialSubject.authorization.map((r: Loose) => r.id)).toEqual([a.grant.id, d.grant.id]);
    await report(h, sub, p.body.permit);
    const b = await call(h.app, 'GET', `/executions/${p.body.executionId}/bundle`, h.adminKey);
    const result = await verifyBundle(b.body, trustFor(h, [a.authority.did]));
    expect(result.checks.filter((c: Loose) => !c.ok)).toEqual([]);
    expect(result.verdict).toBe('valid');
  });

  it('after a restart on a store that may lose commits, refuses a challenge handed out before it (XP_PRESENTATION_INVALID)', async () => {
    expect(h.store.commitsSurvivePowerLoss).toBe(false);
    const a = await actors(h);
    const early = await requestPresentation(h, a.agent, [a.grant]);
    h.clock.offsetMs = 1000;
    const restarted = h.restart();
    try {
      const refused = await call(restarted.app, 'POST', '/permits', a.agent.apiKey, { presentation: early });
      expect(refused.status).toBe(403);
      expect(codes(refused)).toEqual(['XP_PRESENTATION_INVALID']);
      const ch = await call(restarted.app, 'POST', '/challenges', a.agent.apiKey);
      const fresh = await requestPresentation(h, a.agent, [a.grant], {}, { challenge: ch.body.challenge });
      expect((await call(restarted.app, 'POST', '/permits', a.agent.apiKey, { presentation: fresh })).status).toBe(201);
    } finally {
      h.clock.offsetMs = 0;
      await restarted.gov.close();
    }
  });

  it('refuses an over-limit amount with XP_POLICY_DENIED and logs a signed denial that verifies as a refusal', async () => {
    const a = await actors(h);
    const p = await askPermit(h, a.agent, [a.grant], { parameters: { amount: '500.01', currency: 'USD' } });
    expect(p.status).toBe(403);
    expect(p.body.error.code).toBe('XP_PERMIT_DENIED');
    expect(codes(p)).toEqual(['XP_POLICY_DENIED']);
    expect(p.body.error.denial.credentialSubject.decision).toBe('deny');
    expect(Number.isInteger(p.body.error.logIndex)).toBe(true);
    const b = await call(h.app, 'GET', `/executions/${p.body.error.executionId}/bundle`, h.adminKey);
    expect(b.body.denial.id).toBe(p.body.error.denial.id);
    const result = await verifyBundle(b.body, trustFor(h, [a.authority.did]));
    expect(result.checks.filter((c: Loose) => !c.ok)).toEqual([]);
    expect((result as Loose).decision ?? 'deny').toBe('deny');
  });

  it('refuses a resource outside the leaf grant with XP_PERMIT_SCOPE', async () => {
    const a = await actors(h);
    const p = await askPermit(h, a.agent, [a.grant], { resource: 'acct:hr/payroll' });
    expect(p.status).toBe(403);
    expect(codes(p)).toContain('XP_PERMIT_SCOPE');
  });

  it('refuses an untrusted root (a self-made authority) with XP_CHAIN_UNTRUSTED_ROOT', async () => {
    const a = await actors(h);
    const rogue = await delegate(a.grant, a.agent.key); // a valid link, but presented without its root
    const k = await call(h.app, 'POST', '/api-keys', h.adminKey, { role: 'agent', subject: rogue.sub.did });
    const p = await askPermit(h, { ...rogue.sub, apiKey: k.body.apiKey }, [rogue.grant]);
    expect(p.status).toBe(403);
    expect(codes(p)).toEqual(expect.arrayContaining(['XP_CHAIN_UNTRUSTED_ROOT', 'XP_CHAIN_BROKEN']));
  });

  it('refuses an escalating delegation (signed by its real issuer) with XP_CHAIN_ESCALATION', async () => {
    const a = await actors(h);
    const d = await delegate(a.grant, a.agent.key);
    // Re-sign a widened copy: the builder refuses escalation, so widen after building.
    const { proof: _p, ...unsigned } = d.grant as Loose;
    unsigned.credentialSubject = { ...unsigned.credentialSubject, grant: { ...unsigned.credentialSubject.grant, resources: ['acct:*'] } };
    const { signCredential } = await import('@xprov/crypto');
    const widened = await signCredential(unsigned, { keyPair: a.agent.key });
    const k = await call(h.app, 'POST', '/api-keys', h.adminKey, { role: 'agent', subject: d.sub.did });
    const p = await askPermit(h, { ...d.sub, apiKey: k.body.apiKey }, [a.grant, widened as Loose]);
    expect(codes(p)).toContain('XP_CHAIN_ESCALATION');
  });

  it('refuses a tampered grant with XP_PROOF_INVALID', async () => {
    const a = await actors(h);
    const tampered = { ...a.grant, credentialSubject: { ...a.grant.credentialSubject, grant: { ...a.grant.credentialSubject.grant, actions: ['payments:transfer', 'payments:refund'] } } };
    const p = await askPermit(h, a.agent, [tampered as Loose]);
    expect(codes(p)).toContain('XP_PROOF_INVALID');
  });

  it('refuses a replayed challenge and a wrong domain with XP_PRESENTATION_INVALID', async () => {
    const a = await actors(h);
    const presentation = await requestPresentation(h, a.agent, [a.grant]);
    const first = await call(h.app, 'POST', '/permits', a.agent.apiKey, { presentation });
    expect(first.status).toBe(201);
    const replay = await call(h.app, 'POST', '/permits', a.agent.apiKey, { presentation });
    expect(replay.status).toBe(403);
    expect(codes(replay)).toEqual(['XP_PRESENTATION_INVALID']);
    const wrongDomain = await requestPresentation(h, a.agent, [a.grant], {}, { domain: 'did:key:z6MkOtherGovernor' });
    const r = await call(h.app, 'POST', '/permits', a.agent.apiKey, { presentation: wrongDomain });
    expect(codes(r)).toEqual(['XP_PRESENTATION_INVALID']);
    const unknown = await requestPresentation(h, a.agent, [a.grant], {}, { challenge: 'never-issued' });
    expect(codes(await call(h.app, 'POST', '/permits', a.agent.apiKey, { presentation: unknown }))).toEqual(['XP_PRESENTATION_INVALID']);
  });

  it('refuses an expired grant with XP_EXPIRED and a future one with XP_NOT_YET_VALID', async () => {
    const a = await actors(h, { validFrom: new Date(Date.now() + 3600_000).toISOString(), validUntil: new Date(Date.now() + 7200_000).toISOString() });
    expect(codes(await askPermit(h, a.agent, [a.grant]))).toContain('XP_NOT_YET_VALID');
    h.clock.offsetMs = 3 * 3600_000;
    try {
      const p = await askPermit(h, a.agent, [a.grant]);
      expect(codes(p)).toContain('XP_EXPIRED');
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('a presentation by another key than the holder is XP_PRESENTATION_INVALID', async () => {
    const a = await actors(h);
    const other = (await actors(h)).agent;
    const ch = await call(h.app, 'POST', '/challenges', a.agent.apiKey);
    const { buildRequestPresentation } = await import('@xprov/format');
    const unsigned = buildRequestPresentation({ agent: a.agent.did, grants: [a.grant], action: 'payments:transfer', resource: 'acct:ops/x', parameters: { amount: '1.00', currency: 'USD' } });
    const forged = await signPresentation(unsigned, { keyPair: other.key, challenge: ch.body.challenge, domain: ch.body.domain });
    const p = await call(h.app, 'POST', '/permits', a.agent.apiKey, { presentation: forged });
    expect(codes(p)).toContain('XP_PRESENTATION_INVALID');
  });

  it('a malformed presentation is 400 XP_MALFORMED and logs nothing; a key bound to another agent is 403', async () => {
    const a = await actors(h);
    const bad = await call(h.app, 'POST', '/permits', a.agent.apiKey, { presentation: { type: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('XP_MALFORMED');
    const other = (await actors(h)).agent;
    const presentation = await requestPresentation(h, a.agent, [a.grant]);
    const res = await call(h.app, 'POST', '/permits', other.apiKey, { presentation });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('XP_AUTH_FORBIDDEN');
  });
});

describe('revocation', () => {
  it('revokes a grant: the gate refuses with XP_REVOKED and the status list shows the bit', async () => {
    const a = await actors(h);
    const before = await askPermit(h, a.agent, [a.grant]);
    expect(before.status).toBe(201);
    const other = await call(h.app, 'POST', '/authorities', h.adminKey, { method: 'key' });
    const forbidden = await call(h.app, 'POST', '/revocations', other.body.apiKey, { credentialId: a.grant.id });
    expect(forbidden.body.error.code).toBe('XP_AUTH_FORBIDDEN');
    const r = await call(h.app, 'POST', '/revocations', a.authority.apiKey, { credentialId: a.grant.id });
    expect(r.status).toBe(200);
    expect(r.body.changed).toBe(true);
    const again = await call(h.app, 'POST', '/revocations', a.authority.apiKey, { credentialId: a.grant.id });
    expect(again.body.changed).toBe(false);
    const p = await askPermit(h, a.agent, [a.grant]);
    expect(codes(p)).toEqual(['XP_REVOKED']);
    const list = await call(h.app, 'GET', '/status-lists/revocation-1');
    expect(list.body.type).toContain('BitstringStatusListCredential');
    const unknown = await call(h.app, 'POST', '/revocations', a.authority.apiKey, { credentialId: 'urn:uuid:nope' });
    expect(unknown.body.error.code).toBe('XP_NOT_FOUND');
  });

  it('a permit issued before a revocation still verifies at its execution time', async () => {
    const a = await actors(h);
    const p = await askPermit(h, a.agent, [a.grant]);
    await report(h, a.agent, p.body.permit);
    h.clock.offsetMs = 2000;
    try {
      await call(h.app, 'POST', '/revocations', a.authority.apiKey, { credentialId: a.grant.id });
    } finally {
      h.clock.offsetMs = 0;
    }
    const b = await call(h.app, 'GET', `/executions/${p.body.executionId}/bundle`, h.adminKey);
    const result = await verifyBundle(b.body, trustFor(h, [a.authority.did]));
    expect(result.checks.filter((c: Loose) => !c.ok)).toEqual([]);
  });
});

describe('outcomes', () => {
  it('a permit backs exactly one outcome (XP_PERMIT_CONSUMED)', async () => {
    const a = await actors(h);
    const p = await askPermit(h, a.agent, [a.grant]);
    expect((await report(h, a.agent, p.body.permit)).res.status).toBe(201);
    const second = await report(h, a.agent, p.body.permit);
    expect(second.res.status).toBe(409);
    expect(second.res.body.error.code).toBe('XP_PERMIT_CONSUMED');
  });

  it('concurrent reports on one permit: exactly one outcome', async () => {
    const a = await actors(h);
    const p = await askPermit(h, a.agent, [a.grant]);
    const results = await Promise.all([1, 2, 3, 4].map(() => report(h, a.agent, p.body.permit)));
    expect(results.filter((r) => r.res.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.res.status !== 201).every((r) => r.res.body.error.code === 'XP_PERMIT_CONSUMED')).toBe(true);
  });

  it('a reported violation makes the outcome violated, and the bundle invalid with XP_OUTCOME_VIOLATION', async () => {
    const a = await actors(h);
    const p = await askPermit(h, a.agent, [a.grant], {}, { budget: 100 });
    const o = await report(h, a.agent, p.body.permit, {
      status: 'violated',
      events: [{ type: 'spend', amount: 150, total: 150 }],
      violations: [{ type: 'budget', limit: 100, observed: 150 }],
    });
    expect(o.res.body.outcome.credentialSubject.status).toBe('violated');
    const b = await call(h.app, 'GET', `/executions/${p.body.executionId}/bundle`, h.adminKey);
    const result = await verifyBundle(b.body, trustFor(h, [a.authority.did]));
    expect(result.verdict).toBe('invalid');
    expect(result.checks.filter((c: Loose) => !c.ok).map((c: Loose) => c.code)).toEqual(['XP_OUTCOME_VIOLATION']);
  });

  it('the governor records a violation the report hides (invocations over maxInvocations)', async () => {
    const a = await actors(h);
    const p = await askPermit(h, a.agent, [a.grant], {}, { maxInvocations: 1 });
    const o = await report(h, a.agent, p.body.permit, { events: [{ type: 'invocation' }, { type: 'invocation' }] });
    expect(o.res.body.outcome.credentialSubject.status).toBe('violated');
    expect(o.res.body.outcome.credentialSubject.enforcement.violations[0].by).toBe('governor');
  });

  it('a report by another agent, for an unknown permit, or outside the window is refused', async () => {
    const a = await actors(h);
    const p = await askPermit(h, a.agent, [a.grant]);
    const other = (await actors(h)).agent;
    const wrong = await report(h, other, p.body.permit);
    expect(wrong.res.body.error.code).toBe('XP_PRESENTATION_INVALID');
    const late = await report(h, a.agent, p.body.permit, { startedAt: new Date(Date.now() + 3600_000).toISOString(), completedAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(late.res.body.error.code).toBe('XP_OUTCOME_OUTSIDE_WINDOW');
    const fake = { ...p.body.permit, id: 'urn:uuid:00000000-0000-4000-8000-000000000001' };
    const unknown = await report(h, a.agent, fake);
    expect(unknown.res.status).toBe(404);
    expect(unknown.res.body.error.code).toBe('XP_PERMIT_UNKNOWN');
    // None of these consumed the permit.
    expect((await report(h, a.agent, p.body.permit)).res.status).toBe(201);
  });
});

describe('did:web authorities', () => {
  it('serves the did.json and permits under a did:web root; the bundle carries the DID document', async () => {
    const did = 'did:web:governor.test:authorities:acme';
    const a = await call(h.app, 'POST', '/authorities', h.adminKey, { method: 'web', did });
    expect(a.status).toBe(201);
    const doc = await call(h.app, 'GET', '/authorities/acme/did.json', undefined, undefined, { host: 'governor.test' });
    expect(doc.body.id).toBe(did);
    const dup = await call(h.app, 'POST', '/authorities', h.adminKey, { method: 'web', did });
    expect(dup.body.error.code).toBe('XP_CONFLICT');
    const base = await actors(h);
    const g = await call(h.app, 'POST', '/grants', a.body.apiKey, {
      agent: base.agent.did,
      actions: ['payments:transfer'],
      resources: ['acct:ops/*'],
      validUntil: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(g.status).toBe(201);
    const p = await askPermit(h, base.agent, [g.body.grant]);
    expect(p.status).toBe(201);
    await report(h, base.agent, p.body.permit);
    const b = await call(h.app, 'GET', `/executions/${p.body.executionId}/bundle`, h.adminKey);
    expect(Object.keys(b.body.didDocuments)).toEqual([did]);
    const result = await verifyBundle(b.body, trustFor(h, [did]));
    expect(result.checks.filter((c: Loose) => !c.ok)).toEqual([]);
  });
});
