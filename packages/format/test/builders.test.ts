import { describe, expect, it } from 'vitest';
import {
  addSeconds,
  buildDelegation,
  buildDenial,
  buildGrant,
  buildLogEntry,
  buildOutcome,
  buildPermit,
  buildReportPresentation,
  buildRequestPresentation,
  credentialRef,
  digestMultibase,
  jcs,
  parseGrant,
  toIsoSeconds,
} from '../src/index.js';
import { AGENT, AUTHORITY, GOVERNOR, makeChain, makeExecution, SUBAGENT, sign } from './fixtures.js';
import { codeOf, mutate } from './helpers.js';

const base = {
  issuer: AUTHORITY,
  agent: AGENT,
  actions: ['read'],
  resources: ['https://x/*'],
  validFrom: '2024-01-01T00:00:00.123Z',
  validUntil: new Date('2024-02-01T00:00:00Z'),
  maxDelegationDepth: 1,
};

describe('time', () => {
  it('writes UTC seconds without milliseconds', () => {
    expect(toIsoSeconds('2024-01-01T01:00:00.999+01:00')).toBe('2024-01-01T00:00:00Z');
    expect(toIsoSeconds(Date.UTC(2024, 0, 1, 0, 0, 0, 500))).toBe('2024-01-01T00:00:00Z');
    expect(addSeconds('2024-01-01T00:00:00Z', 60)).toBe('2024-01-01T00:01:00Z');
  });
  it.each(['yesterday', '2024-01-01', '2024-13-45T00:00:00Z'])('refuses %j', (t) => {
    expect(codeOf(() => toIsoSeconds(t))).toBe('XP_MALFORMED');
  });
});

describe('buildGrant', () => {
  it('makes a schema-valid unsigned grant with a fresh urn:uuid id', () => {
    const g = buildGrant(base);
    expect(g.id).toMatch(/^urn:uuid:/);
    expect(g.validFrom).toBe('2024-01-01T00:00:00Z');
    expect(g.validUntil).toBe('2024-02-01T00:00:00Z');
    expect(g).not.toHaveProperty('credentialStatus');
    expect(() => jcs(g)).not.toThrow();
    expect(parseGrant(sign(g, AUTHORITY))).toBeTruthy();
    expect(buildGrant(base).id).not.toBe(g.id);
  });
  it('drops duplicate actions and resources', () => {
    const g = buildGrant({ ...base, actions: ['read', 'read'], resources: ['a', 'a'] });
    expect(g.credentialSubject.grant.actions).toEqual(['read']);
    expect(g.credentialSubject.grant.resources).toEqual(['a']);
  });
  it.each([
    ['validUntil = validFrom', { validUntil: '2024-01-01T00:00:00Z' }],
    ['validUntil < validFrom', { validUntil: '2023-01-01T00:00:00Z' }],
    ['empty actions', { actions: [] }],
    ['empty resources', { resources: [] }],
    ['a non-DID agent', { agent: 'bob' }],
    ['a fractional depth', { maxDelegationDepth: 1.5 }],
    ['an unparsable time', { validFrom: 'soon' }],
  ])('refuses %s with XP_MALFORMED', (_n, change) => {
    expect(codeOf(() => buildGrant({ ...base, ...change }))).toBe('XP_MALFORMED');
  });
});

describe('buildDelegation', () => {
  const { root } = makeChain();
  const d = { parent: root, agent: SUBAGENT, actions: ['payments:read'], resources: ['https://bank.example.com/accounts/7'] };

  it('inherits validity, lowers depth, links the parent by digest', () => {
    const g = buildDelegation(d);
    expect(g.issuer).toBe(AGENT);
    expect(g.parent).toEqual({ id: root.id, digestMultibase: digestMultibase(root) });
    expect(g.validFrom).toBe(root.validFrom);
    expect(g.validUntil).toBe(root.validUntil);
    expect(g.credentialSubject.grant.maxDelegationDepth).toBe(1);
  });
  it.each([
    ['XP_CHAIN_ESCALATION', { actions: ['payments:delete'] }],
    ['XP_CHAIN_ESCALATION', { resources: ['https://bank.example.com/*'] }],
    ['XP_CHAIN_ESCALATION', { validUntil: '2030-01-01T00:00:00Z' }],
    ['XP_CHAIN_DEPTH', { maxDelegationDepth: 2 }],
    ['XP_MALFORMED', { actions: [] }],
  ])('refuses with %s', (code, change) => {
    expect(codeOf(() => buildDelegation({ ...d, ...change }))).toBe(code);
  });
  it('refuses to delegate a depth-0 grant, and an unsigned parent', () => {
    const leaf = mutate(root, (c) => (c.credentialSubject.grant.maxDelegationDepth = 0));
    expect(codeOf(() => buildDelegation({ ...d, parent: leaf, maxDelegationDepth: 0 }))).toBe('XP_CHAIN_DEPTH');
    expect(codeOf(() => buildDelegation({ ...d, parent: mutate(root, (c) => delete c.proof) }))).toBe('XP_MALFORMED');
  });
});

describe('permit, denial, outcome and presentations', () => {
  const x = makeExecution();

  /** The permit of the fixture execution, as the governor's gate would pass it in. */
  const permitInput = {
    issuer: GOVERNOR,
    agent: SUBAGENT,
    request: x.permit.credentialSubject.request,
    authorization: x.permit.credentialSubject.authorization,
    evaluation: x.permit.credentialSubject.evaluation,
    presentation: x.permit.credentialSubject.presentation,
    validFrom: '2024-06-01T12:00:00Z',
  };

  it('permit defaults to a 60 s validity and empty limits', () => {
    const p = buildPermit(permitInput);
    expect(p.validUntil).toBe('2024-06-01T12:01:00Z');
    expect(p.credentialSubject.limits).toEqual({});
    expect(codeOf(() => buildPermit({ ...x.permit.credentialSubject, issuer: GOVERNOR, agent: SUBAGENT, validFrom: 'x' }))).toBe(
      'XP_MALFORMED',
    );
    expect(
      codeOf(() =>
        buildPermit({
          ...x.permit.credentialSubject,
          issuer: GOVERNOR,
          agent: SUBAGENT,
          validFrom: '2024-06-01T12:00:00Z',
          ttlSeconds: 0,
        }),
      ),
    ).toBe('XP_MALFORMED');
  });

  it('permit with validate: false is the same credential (same JCS) as the checked one', () => {
    const input = { ...permitInput, limits: { maxInvocations: 1 }, id: 'urn:uuid:00000000-0000-4000-8000-000000000001' };
    const unchecked = buildPermit(input, { validate: false });
    expect(jcs(unchecked)).toBe(jcs(buildPermit(input)));
    // It does skip the check: the caller vouches for its inputs.
    expect(codeOf(() => buildPermit({ ...input, ttlSeconds: 0 }))).toBe('XP_MALFORMED');
    expect(codeOf(() => buildPermit({ ...input, ttlSeconds: 0 }, { validate: false }))).toBeUndefined();
  });

  it('outcome takes scope from the permit and digests the report', () => {
    expect(x.outcome.credentialSubject).toMatchObject({
      agent: SUBAGENT,
      action: 'payments:create',
      resource: 'https://bank.example.com/accounts/42/transfers',
      permit: credentialRef(x.permit),
      report: { digestMultibase: digestMultibase(x.report) },
      status: 'succeeded',
    });
  });

  it('outcome becomes violated when the governor adds a violation', () => {
    const o = buildOutcome({
      issuer: GOVERNOR,
      permit: x.permit,
      report: x.report,
      extraViolations: [{ limit: 'maxInvocations' }],
      validFrom: '2024-06-01T12:00:03Z',
    });
    expect(o.credentialSubject.status).toBe('violated');
  });

  it('outcome refuses a report for another permit, or by another agent', () => {
    const other = mutate(x.permit, (c) => (c.credentialSubject.limits = { maxInvocations: 2 }));
    expect(codeOf(() => buildOutcome({ issuer: GOVERNOR, permit: other, report: x.report, validFrom: '2024-06-01T12:00:03Z' }))).toBe(
      'XP_OUTCOME_PERMIT_MISMATCH',
    );
    const byOther = mutate(x.report, (c) => (c.holder = AGENT));
    expect(codeOf(() => buildOutcome({ issuer: GOVERNOR, permit: x.permit, report: byOther, validFrom: '2024-06-01T12:00:03Z' }))).toBe(
      'XP_PRESENTATION_INVALID',
    );
  });

  it('denial needs at least one failure', () => {
    expect(
      codeOf(() =>
        buildDenial({ issuer: GOVERNOR, agent: SUBAGENT, request: x.permit.credentialSubject.request, failures: [], validFrom: '2024-06-01T12:00:00Z' }),
      ),
    ).toBe('XP_MALFORMED');
    expect(x.denial.credentialSubject.decision).toBe('deny');
  });

  it('request presentation digests its parameters; a non-JSON parameter is refused', () => {
    expect(x.request.request.parametersDigest).toBe(digestMultibase(x.request.request.parameters));
    expect(
      codeOf(() =>
        buildRequestPresentation({
          agent: SUBAGENT,
          grants: [x.root],
          action: 'a',
          resource: 'r',
          parameters: { n: Number.NaN },
        }),
      ),
    ).toBe('XP_JCS_INVALID');
  });

  it('report presentation refuses completion before start', () => {
    expect(
      codeOf(() =>
        buildReportPresentation({
          agent: SUBAGENT,
          permit: x.permit,
          status: 'failed',
          startedAt: '2024-06-01T12:00:02Z',
          completedAt: '2024-06-01T12:00:01Z',
        }),
      ),
    ).toBe('XP_MALFORMED');
  });

  it('buildLogEntry refuses unsigned and unknown credentials', () => {
    expect(codeOf(() => buildLogEntry(mutate(x.permit, (c) => delete c.proof)))).toBe('XP_MALFORMED');
    expect(codeOf(() => buildLogEntry(mutate(x.permit, (c) => (c.type = ['VerifiableCredential']))))).toBe('XP_MALFORMED');
    expect(buildLogEntry(x.outcome).entry.subject).toBe(x.outcome.credentialSubject.id);
  });
});
