/**
 * A complete, schema-valid set of xprov credentials for tests. Proofs are shaped like real
 * DataIntegrityProofs but not real signatures: @xprov/format checks shape, @xprov/crypto signatures.
 */
import {
  type AgentAuthorizationCredential,
  buildDelegation,
  buildDenial,
  buildGrant,
  buildOutcome,
  buildPermit,
  buildReportPresentation,
  buildRequestPresentation,
  credentialRef,
  digestMultibase,
  type ExecutionOutcomeCredential,
  type ExecutionPermitCredential,
  type ExecutionReportPresentation,
  type ExecutionRequestPresentation,
} from '../src/index.js';

export const AUTHORITY = 'did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH';
export const AGENT = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
export const SUBAGENT = 'did:key:z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG';
export const GOVERNOR = 'did:web:governor.example.com';

export const ids = {
  root: 'urn:uuid:00000000-0000-4000-8000-000000000001',
  delegation: 'urn:uuid:00000000-0000-4000-8000-000000000002',
  permit: 'urn:uuid:00000000-0000-4000-8000-000000000003',
  outcome: 'urn:uuid:00000000-0000-4000-8000-000000000004',
  denial: 'urn:uuid:00000000-0000-4000-8000-000000000005',
  execution: 'urn:uuid:00000000-0000-4000-8000-000000000006',
  request: 'urn:uuid:00000000-0000-4000-8000-000000000007',
  report: 'urn:uuid:00000000-0000-4000-8000-000000000008',
};

export const POLICY_SOURCE = 'permit(principal, action, resource) when { context.amount < decimal("100.00") };';

export function fakeProof(did: string, purpose: 'assertionMethod' | 'authentication' = 'assertionMethod', challenge?: string) {
  const key = did.startsWith('did:key:') ? did.slice('did:key:'.length) : 'key-1';
  return {
    type: 'DataIntegrityProof' as const,
    cryptosuite: 'eddsa-jcs-2022' as const,
    created: '2024-01-01T00:00:00Z',
    verificationMethod: `${did}#${key}`,
    proofPurpose: purpose,
    proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiGhW9DhTa1Ngr1ZY',
    ...(challenge === undefined ? {} : { challenge }),
  };
}

export function sign<T extends object>(unsigned: T, did: string, purpose?: 'authentication', challenge?: string) {
  return { ...unsigned, proof: fakeProof(did, purpose, challenge) };
}

export function makeChain() {
  const root = sign(
    buildGrant({
      id: ids.root,
      issuer: AUTHORITY,
      agent: AGENT,
      actions: ['payments:create', 'payments:read'],
      resources: ['https://bank.example.com/accounts/*'],
      policy: { language: 'cedar', digestMultibase: digestMultibase({ src: POLICY_SOURCE }), source: POLICY_SOURCE },
      validFrom: '2024-01-01T00:00:00Z',
      validUntil: '2025-01-01T00:00:00Z',
      maxDelegationDepth: 2,
      credentialStatus: {
        id: 'https://authority.example.com/status/1#42',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '42',
        statusListCredential: 'https://authority.example.com/status/1',
      },
    }),
    AUTHORITY,
  ) as AgentAuthorizationCredential;
  const delegation = sign(
    buildDelegation({
      id: ids.delegation,
      parent: root,
      agent: SUBAGENT,
      actions: ['payments:create'],
      resources: ['https://bank.example.com/accounts/42/*'],
      validFrom: '2024-02-01T00:00:00Z',
      validUntil: '2024-12-01T00:00:00Z',
    }),
    AGENT,
  ) as AgentAuthorizationCredential;
  return { root, delegation };
}

export const CHALLENGE = 'c-8f14e45fceea167a';

export function makeExecution() {
  const { root, delegation } = makeChain();
  const request = sign(
    buildRequestPresentation({
      id: ids.request,
      agent: SUBAGENT,
      grants: [root, delegation],
      action: 'payments:create',
      resource: 'https://bank.example.com/accounts/42/transfers',
      parameters: { amount: '12.50', currency: 'EUR', memo: { nested: [1, true, null] } },
    }),
    SUBAGENT,
    'authentication',
    CHALLENGE,
  ) as ExecutionRequestPresentation;
  const permit = sign(
    buildPermit({
      id: ids.permit,
      issuer: GOVERNOR,
      agent: SUBAGENT,
      request: {
        action: request.request.action,
        resource: request.request.resource,
        parametersDigest: request.request.parametersDigest,
      },
      authorization: [credentialRef(root), credentialRef(delegation)],
      evaluation: {
        engine: 'cedar@4',
        policies: [
          { digestMultibase: root.credentialSubject.grant.policy!.digestMultibase, decision: 'allow', reasons: ['policy0'] },
        ],
        contextDigest: digestMultibase({ time: '2024-06-01T12:00:00Z' }),
        evaluatedAt: '2024-06-01T12:00:00Z',
      },
      presentation: { digestMultibase: digestMultibase(request), challenge: CHALLENGE },
      limits: { maxInvocations: 1, budget: { amount: '12.50', currency: 'EUR' } },
      validFrom: '2024-06-01T12:00:00Z',
    }),
    GOVERNOR,
  ) as ExecutionPermitCredential;
  const report = sign(
    buildReportPresentation({
      id: ids.report,
      agent: SUBAGENT,
      permit,
      status: 'succeeded',
      startedAt: '2024-06-01T12:00:01Z',
      completedAt: '2024-06-01T12:00:02Z',
      resultDigest: digestMultibase({ transfer: 'tx-1' }),
      enforcement: { events: [{ kind: 'http', url: 'https://bank.example.com/accounts/42/transfers' }], violations: [] },
    }),
    SUBAGENT,
    'authentication',
    'c-report-1',
  ) as ExecutionReportPresentation;
  const outcome = sign(
    buildOutcome({
      id: ids.outcome,
      executionId: ids.execution,
      issuer: GOVERNOR,
      permit,
      report,
      validFrom: '2024-06-01T12:00:03Z',
    }),
    GOVERNOR,
  ) as ExecutionOutcomeCredential;
  const denial = sign(
    buildDenial({
      id: ids.denial,
      issuer: GOVERNOR,
      agent: SUBAGENT,
      request: permit.credentialSubject.request,
      authorization: [credentialRef(root), credentialRef(delegation)],
      failures: [{ code: 'XP_POLICY_DENIED', message: 'amount above cap', credentialId: ids.root }],
      validFrom: '2024-06-01T12:00:00Z',
    }),
    GOVERNOR,
  );
  return { root, delegation, request, permit, report, outcome, denial };
}

export const CHECKPOINT =
  'example.com/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 example.com/log Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n';
