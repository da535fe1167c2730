/**
 * Test fixture: one complete execution bundle built with the real signing functions, real Cedar
 * policies and a real in-memory RFC 9162 log with a signed C2SP checkpoint. Hooks edit a draft
 * *before* it is signed, so a defect is validly signed by its real issuer; `after` edits the
 * finished bundle (forgeries). Fixed keys and times: deterministic.
 */
import { createHash } from 'node:crypto';
import { type Cryptosuite, didKeyFromPublicKey, keyPairFromSecretKey, signCredential, signPresentation } from '@xprov/crypto';
import {
  buildDelegation,
  buildGrant,
  buildLogEntry,
  buildOutcome,
  buildPermit,
  buildReportPresentation,
  buildRequestPresentation,
  digestMultibase,
} from '@xprov/format';
import { MemoryTree, cosignCheckpoint, generateCosignerKey, generateNoteKey, signCheckpoint } from '@xprov/log-core';
import { evaluate, policyDigest } from '@xprov/policy';
import { gzipSync } from 'fflate';

// biome-ignore lint/suspicious/noExplicitAny: tests edit arbitrary JSON
export type Draft = Record<string, any>;

const seed = (label: string) => new Uint8Array(createHash('sha256').update(`xprov/verifier-test/${label}`).digest());

export function actor(label: string) {
  const keyPair = keyPairFromSecretKey(seed(label));
  const { did, verificationMethod } = didKeyFromPublicKey(keyPair.publicKeyMultibase);
  return { label, did, verificationMethod, keyPair };
}
export type Actor = ReturnType<typeof actor>;

export const cast = {
  authority: actor('authority'),
  rogue: actor('rogue'),
  governor: actor('governor'),
  agents: [actor('agent-0'), actor('agent-1'), actor('agent-2')],
};

export const ORIGIN = 'log.test.xprov.example';
export const logKey = generateNoteKey(ORIGIN, seed('log'));
export const witnesses = ['a', 'b'].map((l) => generateCosignerKey(`${l}.witness.test.xprov.example`, seed(`witness-${l}`)));
export const STATUS_URL = 'https://governor.test.xprov.example/status/1';
export const T = '2025-06-01T12:00:00Z';

export const ROOT_POLICY = `permit (principal, action, resource) when { context.parameters.amount <= 1000 };`;
export const LEAF_POLICY = `permit (principal, action == Action::"pay", resource) when { context.parameters.amount <= 500 };`;

const add = (iso: string, s: number) => new Date(Date.parse(iso) + s * 1000).toISOString().replace(/\.000Z$/, 'Z');

export function encodeList(revoked: number[], length = 131072): string {
  const bytes = new Uint8Array(length / 8);
  for (const i of revoked) bytes[i >> 3]! |= 0x80 >> (i & 7);
  return `u${Buffer.from(gzipSync(bytes, { mtime: 0 })).toString('base64url')}`;
}

export interface Tweaks {
  suite?: Cryptosuite;
  delegations?: number;
  grant?: (i: number, draft: Draft) => void;
  grantSigner?: (i: number) => Actor | undefined;
  parameters?: Draft;
  revoked?: number[];
  statusListFrom?: string;
  requestChallenge?: string;
  permit?: (draft: Draft) => void;
  governor?: Actor;
  report?: (draft: Draft) => void;
  outcome?: (draft: Draft) => void;
  logOrder?: (labels: string[]) => string[];
  witnesses?: number;
  after?: (bundle: Draft, trust: Draft) => void;
}

export async function makeBundle(t: Tweaks = {}): Promise<{ bundle: Draft; trust: Draft }> {
  const suite = t.suite ?? 'eddsa-jcs-2022';
  const governor = t.governor ?? cast.governor;
  const n = t.delegations ?? 1;
  const sign = async (signer: Actor, draft: Draft, created: string) =>
    (await signCredential(draft, { keyPair: signer.keyPair, suite, created, verificationMethod: signer.verificationMethod })) as Draft;

  const grants: Draft[] = [];
  for (let i = 0; i <= n; i++) {
    const common = {
      id: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`,
      agent: cast.agents[i]!.did,
      actions: i === 0 ? ['pay', 'read'] : ['pay'],
      resources: i === 0 ? ['acct:ops/*'] : ['acct:ops/payroll*'],
      policy: { language: 'cedar' as const, source: i === 0 ? ROOT_POLICY : LEAF_POLICY, digestMultibase: policyDigest(i === 0 ? ROOT_POLICY : LEAF_POLICY) },
      validFrom: add('2025-01-01T00:00:00Z', i * 86400),
      validUntil: add('2026-01-01T00:00:00Z', -i * 86400),
      maxDelegationDepth: 2 - i,
      credentialStatus: {
        type: 'BitstringStatusListEntry' as const,
        statusPurpose: 'revocation' as const,
        statusListIndex: String(100 + i),
        statusListCredential: STATUS_URL,
      },
    };
    const draft: Draft = i === 0 ? buildGrant({ ...common, issuer: cast.authority.did }) : buildDelegation({ ...common, parent: grants[i - 1] as never });
    t.grant?.(i, draft);
    const issuer = i === 0 ? cast.authority : cast.agents[i - 1]!;
    grants.push(await sign(t.grantSigner?.(i) ?? issuer, draft, String(draft.validFrom)));
  }
  const agent = cast.agents[n]!;
  const statusList = await sign(
    cast.governor,
    {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: STATUS_URL,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: cast.governor.did,
      validFrom: t.statusListFrom ?? '2025-01-01T00:00:00Z',
      credentialSubject: { id: `${STATUS_URL}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: encodeList(t.revoked ?? []) },
    },
    t.statusListFrom ?? '2025-01-01T00:00:00Z',
  );
  const parameters = t.parameters ?? { amount: 120 };
  const action = 'pay';
  const resource = 'acct:ops/payroll/2025-06';
  const challenge = 'challenge-request-1';
  const requestVp = (await signPresentation(
    buildRequestPresentation({ id: 'urn:uuid:00000000-0000-4000-8000-0000000000a1', agent: agent.did, grants: grants as never, action, resource, parameters }),
    { keyPair: agent.keyPair, suite, created: add(T, -1), challenge: t.requestChallenge ?? challenge, verificationMethod: agent.verificationMethod },
  )) as Draft;
  const sources = grants.map((g) => g.credentialSubject.grant.policy.source as string);
  const result = evaluate({ policies: sources, request: { principal: agent.did, action, resource, parameters }, time: T });
  const permitDraft: Draft = buildPermit({
    id: 'urn:uuid:00000000-0000-4000-8000-0000000000b1',
    issuer: governor.did,
    agent: agent.did,
    request: { action, resource, parametersDigest: digestMultibase(parameters) },
    authorization: grants.map((g) => ({ id: g.id, digestMultibase: digestMultibase(g) })),
    evaluation: {
      engine: result.engine,
      policies: result.policies.map((p) => ({ digestMultibase: p.digestMultibase!, decision: 'allow' as const, reasons: p.reasons })),
      contextDigest: digestMultibase({ parameters }),
      evaluatedAt: T,
    },
    presentation: { digestMultibase: digestMultibase(requestVp), challenge },
    limits: { maxInvocations: 1 },
    validFrom: T,
    ttlSeconds: 60,
  });
  t.permit?.(permitDraft);
  const permit = await sign(governor, permitDraft, T);
  const reportDraft: Draft = buildReportPresentation({
    id: 'urn:uuid:00000000-0000-4000-8000-0000000000a2',
    agent: agent.did,
    permit: permit as never,
    status: 'succeeded',
    startedAt: add(T, 5),
    completedAt: add(T, 9),
    enforcement: { events: [], violations: [] },
  });
  t.report?.(reportDraft);
  const reportVp = (await signPresentation(reportDraft, { keyPair: agent.keyPair, suite, created: add(T, 10), challenge: 'challenge-report-1', verificationMethod: agent.verificationMethod })) as Draft;
  const outcomeDraft: Draft = buildOutcome({ id: 'urn:uuid:00000000-0000-4000-8000-0000000000c1', executionId: 'urn:uuid:00000000-0000-4000-8000-0000000000d1', issuer: governor.did, permit: permit as never, report: reportVp as never, validFrom: add(T, 11) });
  t.outcome?.(outcomeDraft);
  const outcome = await sign(governor, outcomeDraft, add(T, 11));

  // The log: two unrelated entries, then the execution in issuance order.
  const tree = new MemoryTree();
  tree.append(new TextEncoder().encode('other-0'));
  tree.append(new TextEncoder().encode('other-1'));
  const items: [string, Draft][] = [...grants.map((g, i) => [`grant/${i}`, g] as [string, Draft]), ['status', statusList], ['permit', permit], ['outcome', outcome]];
  const labels = t.logOrder ? t.logOrder(items.map(([l]) => l)) : items.map(([l]) => l);
  const index = new Map<string, number>();
  for (const l of labels) index.set(l, tree.append(buildLogEntry(items.find(([x]) => x === l)![1] as never).bytes));
  const body = signCheckpoint({ origin: ORIGIN, size: tree.size, rootHash: tree.root(tree.size) }, [logKey.signer]);
  const text = body.slice(0, body.indexOf('\n\n') + 1);
  const checkpoint = body + witnesses.slice(0, t.witnesses ?? 0).map((w) => cosignCheckpoint(text, Date.parse(T) / 1000 + 30, w)).join('');
  const receipts = items.flatMap(([l, c]) => {
    const i = index.get(l);
    if (i === undefined) return [];
    return [{ credentialId: c.id, origin: ORIGIN, index: i, treeSize: tree.size, inclusionProof: tree.inclusionProof(i, tree.size).map((h) => Buffer.from(h).toString('base64')), checkpoint }];
  });
  const bundle: Draft = {
    type: 'ProvenanceBundle',
    version: 1,
    grants,
    permit,
    outcome,
    presentations: { request: requestVp, report: reportVp },
    receipts,
    statusLists: [statusList],
    didDocuments: {},
  };
  const trust: Draft = {
    version: 1,
    authorities: [cast.authority.did],
    governors: [cast.governor.did],
    logs: [{ origin: ORIGIN, vkey: logKey.verifierKey }],
    witnesses: { keys: witnesses.map((w) => w.verifierKey), threshold: t.witnesses ?? 0 },
    allowedCryptosuites: ['eddsa-jcs-2022', 'eddsa-rdfc-2022'],
    maxClockSkewSeconds: 60,
  };
  t.after?.(bundle, trust);
  return { bundle, trust };
}
