/**
 * One execution, end to end, as the governor and the agents would produce it (DESIGN §2–4):
 * grants (root first) → the agent's request presentation → policy evaluation → permit →
 * the agent's report presentation → outcome, every credential logged in a real in-memory log,
 * then receipts against one signed checkpoint and the `ProvenanceBundle` plus its trust file.
 *
 * `Tweaks` let a vector change one thing at one step *before signing* (so the defect is validly
 * signed by its real issuer), or forge after signing; everything else stays as in the valid
 * scenario, so a vector with one defect fails exactly one check (spec/vectors.md §2).
 */
import { type Cryptosuite, signCredential, signPresentation } from '@xprov/crypto';
import {
  buildDelegation,
  buildDenial,
  buildGrant,
  buildOutcome,
  buildPermit,
  buildReportPresentation,
  buildRequestPresentation,
  credentialRef,
  digestMultibase,
  jcsBytes,
} from '@xprov/format';
import { evaluate, policyDigest } from '@xprov/policy';
import type { Actor, Cast } from './actors.js';
import { didDocumentOf, makeCast } from './actors.js';
import { addSeconds, TIMES, tokenFor, uuidFor } from './determinism.js';
import { logKey, type Receipt, VectorLog, witnessKey } from './log.js';
import { HOURS_POLICY, PAYROLL_POLICY, ROOT_POLICY } from './policies.js';
import { encodeStatusList } from './status-list.js';

// biome-ignore lint/suspicious/noExplicitAny: vector tweaks edit arbitrary JSON before or after signing
export type Draft = Record<string, any>;

export type Kind = 'grant' | 'statusList' | 'request' | 'permit' | 'denial' | 'report' | 'outcome';

export const LOG_ORIGIN = 'log.vectors.xprov.example';
export const ROGUE_LOG_ORIGIN = 'rogue-log.vectors.xprov.example';
export const STATUS_LIST_URL = 'https://governor.vectors.xprov.example/status-lists/revocation-1';
export const ALL_SUITES: Cryptosuite[] = ['eddsa-jcs-2022', 'eddsa-rdfc-2022'];

/** One published version of the revocation list. */
export interface StatusListVersion {
  validFrom: string;
  revoked: number[];
  /** Who issues and signs it (default the governor). */
  signer?: (cast: Cast) => Actor;
  /** `credentialSubject.statusPurpose` (default `revocation`). */
  purpose?: string;
  /** Write `issuer` as an object `{id}` (allowed for status lists). */
  issuerObject?: boolean;
}

export interface Tweaks {
  /** Delegation links after the root grant (0–3). Default 2. */
  delegations?: number;
  /** Cryptosuite of every proof (default eddsa-jcs-2022); `suiteFor` overrides per credential. */
  suite?: Cryptosuite;
  suiteFor?: (kind: Kind, index: number) => Cryptosuite | undefined;
  /** Who issues the root grant. */
  rootIssuer?: 'authority' | 'rogueAuthority' | 'webAuthority';
  /** Put the did:web authority's DID document in the bundle (default true when it is used). */
  includeDidDocument?: boolean;
  /** Who signs permit and outcome (default the trusted governor). */
  governor?: 'governor' | 'rogueGovernor';
  /** Who signs the outcome, when not the permit's governor. */
  outcomeGovernor?: 'governor' | 'rogueGovernor';
  /** Edit grant i (0 = root) before it is signed. */
  grant?: (i: number, draft: Draft, cast: Cast) => void;
  /** Sign grant i with another actor's key (the credential still names its issuer). */
  grantSigner?: (i: number, cast: Cast) => Actor | undefined;
  /** The agent's request; default a 120.00 EUR payroll transfer. */
  request?: { action?: string; resource?: string; parameters?: Draft };
  /** The published versions of the revocation list (default: one, nothing revoked). */
  statusLists?: StatusListVersion[];
  /** The challenge the agent signs its request with (default: the one the governor issued). */
  requestChallenge?: string;
  /** Edit the governor's policy evaluation before it goes into the permit. */
  evaluation?: (evaluation: Draft) => void;
  permit?: (draft: Draft) => void;
  report?: (draft: Draft) => void;
  /** Who signs the report presentation (default the agent). */
  reportSigner?: (cast: Cast) => Actor;
  outcome?: (draft: Draft) => void;
  /** Edit a credential after it was signed, before anything else uses it (a forgery). */
  forge?: (kind: Kind, signed: Draft, index: number) => void;
  /** Produce a denial bundle: the governor refuses the request. */
  denial?: boolean;
  /**
   * Reorder (or drop from) the log. Labels `grant/<i>`, `statusList/<i>`, `permit`, `outcome`,
   * `denial`; default order: grants, status lists, permit, outcome (after unrelated entries).
   */
  logOrder?: (labels: string[]) => string[];
  /** Witnesses that cosign the checkpoint (0–3), the trust file's keys and threshold. */
  witnesses?: { cosign: number; trusted: number; threshold: number };
  /** Sign the checkpoint with a key other than the trusted log's (same origin). */
  forgeCheckpointKey?: boolean;
  /** Log everything in a log the trust file does not list. */
  untrustedLog?: boolean;
  /** Edit the receipts (drop one, break a proof …). */
  receipts?: (receipts: Receipt[], log: VectorLog) => Receipt[];
  /** Edit the log entry of a labelled credential; its receipt then carries the logged `entry`. */
  logEntry?: (label: string, entry: Draft) => boolean;
  /** Witness cosignature time (Unix seconds); default 30 s after the execution time. */
  witnessTime?: number;
  /** Final edits of the bundle (or a replacement) and of the trust file. */
  bundle?: (bundle: Draft, ctx: Context) => Draft | undefined;
  trust?: (trust: Draft, cast: Cast) => void;
}

export interface Context {
  cast: Cast;
  log: VectorLog;
  grants: Draft[];
  permit?: Draft;
  outcome?: Draft;
  denial?: Draft;
}

export interface Scenario {
  bundle: Draft;
  trust: Draft;
}

/** Scope and policy of each link: every link narrows its parent. */
const LINKS = [
  {
    actions: ['payments:transfer', 'payments:read'],
    resources: ['acct:ops/*'],
    policy: ROOT_POLICY,
    validFrom: TIMES.grantsFrom,
    validUntil: TIMES.grantsUntil,
    depth: 3,
  },
  {
    actions: ['payments:transfer', 'payments:read'],
    resources: ['acct:ops/*'],
    policy: HOURS_POLICY,
    validFrom: TIMES.grantsFrom,
    validUntil: '2025-12-01T00:00:00Z',
    depth: 2,
  },
  {
    actions: ['payments:transfer'],
    resources: ['acct:ops/payroll*'],
    policy: PAYROLL_POLICY,
    validFrom: '2025-02-01T00:00:00Z',
    validUntil: '2025-11-01T00:00:00Z',
    depth: 1,
  },
  {
    actions: ['payments:transfer'],
    resources: ['acct:ops/payroll/2025-06'],
    policy: undefined,
    validFrom: '2025-03-01T00:00:00Z',
    validUntil: '2025-10-01T00:00:00Z',
    depth: 0,
  },
] as const;

/** Index of grant i in the revocation list. */
export const statusIndex = (i: number) => 4_096 + 17 * i;

export const DEFAULT_REQUEST = {
  action: 'payments:transfer',
  resource: 'acct:ops/payroll/2025-06',
  parameters: { amount: '120.00', currency: 'EUR', payee: 'acct:ext/vendor-17', memo: 'June payroll batch 3' },
};

/**
 * A delegation through the attenuation-checking builder; when a tweak has already made the parent
 * one that cannot be delegated (e.g. depth 0), the same fields are written by hand, because the
 * vector needs exactly that validly signed defect.
 */
function delegation(fields: Omit<Parameters<typeof buildDelegation>[0], 'parent'>, parent: Draft): Draft {
  try {
    return buildDelegation({ ...fields, parent: parent as never });
  } catch {
    const { agent, actions, resources, policy, validFrom, validUntil, maxDelegationDepth, credentialStatus, id } = fields;
    const grant: Draft = { actions: [...actions], resources: [...resources], maxDelegationDepth };
    if (policy) grant.policy = policy;
    return {
      '@context': parent['@context'],
      id,
      type: ['VerifiableCredential', 'AgentAuthorizationCredential'],
      issuer: parent.credentialSubject.id,
      validFrom,
      validUntil,
      parent: credentialRef(parent as { id: string }),
      credentialSubject: { id: agent, grant },
      credentialStatus,
    };
  }
}

function policyOf(source: string | undefined) {
  return source === undefined ? undefined : { language: 'cedar' as const, digestMultibase: policyDigest(source), source };
}

/** Unrelated entries that precede the scenario in the log, so proofs have non-trivial paths. */
function otherEntries(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) =>
    jcsBytes({
      v: 1,
      type: 'ExecutionOutcomeCredential',
      id: uuidFor(`other/${i}`),
      digestMultibase: digestMultibase({ other: i }),
      issuer: 'did:key:z6MkotherGovernorNotInThisBundle',
      subject: uuidFor(`other/execution/${i}`),
    }),
  );
}

export async function buildScenario(t: Tweaks = {}): Promise<Scenario> {
  const cast = makeCast();
  const depth = t.delegations ?? 2;
  const suiteOf = (kind: Kind, i = 0): Cryptosuite => t.suiteFor?.(kind, i) ?? t.suite ?? 'eddsa-jcs-2022';
  const governor = cast[t.governor ?? 'governor'];
  const rootIssuer = cast[t.rootIssuer ?? 'authority'];
  const T = TIMES.evaluatedAt;

  const sign = async (kind: Kind, index: number, signer: Actor, unsigned: Draft, created: string): Promise<Draft> => {
    const signed = (await signCredential(unsigned, {
      keyPair: signer.keyPair,
      suite: suiteOf(kind, index),
      created,
      verificationMethod: signer.verificationMethod,
    })) as Draft;
    t.forge?.(kind, signed, index);
    return signed;
  };
  const present = async (kind: Kind, signer: Actor, unsigned: Draft, challenge: string, created: string) => {
    const signed = (await signPresentation(unsigned, {
      keyPair: signer.keyPair,
      suite: suiteOf(kind),
      created,
      challenge,
      verificationMethod: signer.verificationMethod,
    })) as Draft;
    t.forge?.(kind, signed, 0);
    return signed;
  };

  // 1. Grants, root first (DESIGN §2.1). Delegations are built with the attenuation-checking
  // builder; a tweak edits the result before the real issuer signs it.
  const grants: Draft[] = [];
  for (let i = 0; i <= depth; i++) {
    const link = LINKS[i]!;
    const common = {
      id: uuidFor(`grant/${i}`),
      agent: cast.agents[i]!.did,
      actions: link.actions,
      resources: link.resources,
      policy: policyOf(link.policy),
      validFrom: link.validFrom,
      validUntil: link.validUntil,
      maxDelegationDepth: link.depth,
      credentialStatus: {
        id: `${STATUS_LIST_URL}#${statusIndex(i)}`,
        type: 'BitstringStatusListEntry' as const,
        statusPurpose: 'revocation' as const,
        statusListIndex: String(statusIndex(i)),
        statusListCredential: STATUS_LIST_URL,
      },
    };
    const draft: Draft = i === 0 ? buildGrant({ ...common, issuer: rootIssuer.did }) : delegation(common, grants[i - 1]!);
    t.grant?.(i, draft, cast);
    const issuer = i === 0 ? rootIssuer : cast.agents[i - 1]!;
    const signer = t.grantSigner?.(i, cast) ?? issuer;
    grants.push(await sign('grant', i, signer, draft, String(draft.validFrom)));
  }
  const agent = cast.agents[depth]!;

  // 2. The revocation list(s), published by the governor (Bitstring Status List v1.0 §2.2).
  const statusLists: Draft[] = [];
  for (const [v, version] of (t.statusLists ?? [{ validFrom: TIMES.statusListFrom, revoked: [] }]).entries()) {
    const signer = version.signer?.(cast) ?? cast.governor;
    const unsigned = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: STATUS_LIST_URL,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: version.issuerObject ? { id: signer.did } : signer.did,
      validFrom: version.validFrom,
      credentialSubject: {
        id: `${STATUS_LIST_URL}#list`,
        type: 'BitstringStatusList',
        statusPurpose: version.purpose ?? 'revocation',
        encodedList: encodeStatusList(version.revoked),
      },
    };
    statusLists.push(await sign('statusList', v, signer, unsigned, version.validFrom));
  }

  // 3. The agent asks: a request presentation answering the governor's one-time challenge.
  const challenge = tokenFor('challenge/request');
  const req = { ...DEFAULT_REQUEST, ...t.request };
  const requestVp = await present(
    'request',
    agent,
    buildRequestPresentation({
      id: uuidFor('presentation/request'),
      agent: agent.did,
      grants: grants as never,
      action: req.action,
      resource: req.resource,
      parameters: req.parameters,
    }),
    t.requestChallenge ?? challenge,
    addSeconds(T, -1),
  );

  // 4. The governor evaluates every policy on the chain at T (spec/policy.md §5).
  const sources = grants.flatMap((g) => (g.credentialSubject.grant.policy ? [g.credentialSubject.grant.policy.source as string] : []));
  const result = evaluate({
    policies: sources,
    request: { principal: agent.did, action: req.action, resource: req.resource, parameters: req.parameters },
    time: T,
  });
  const evaluation: Draft = {
    engine: result.engine,
    policies: result.policies.map((p) => ({ digestMultibase: p.digestMultibase, decision: p.decision, reasons: p.reasons })),
    contextDigest: digestMultibase({ principal: agent.did, action: req.action, resource: req.resource, parameters: req.parameters, time: T }),
    evaluatedAt: T,
  };
  t.evaluation?.(evaluation);
  const request = { action: req.action, resource: req.resource, parametersDigest: digestMultibase(req.parameters) };
  const authorization = grants.map((g) => credentialRef(g));
  const presentationRef = { digestMultibase: digestMultibase(requestVp), challenge };

  const ctx: Context = { cast, log: new VectorLog(t.untrustedLog ? ROGUE_LOG_ORIGIN : LOG_ORIGIN, logKey(t.untrustedLog ? ROGUE_LOG_ORIGIN : LOG_ORIGIN, t.untrustedLog ? 'rogue-log' : 'log')), grants };

  let permit: Draft | undefined;
  let reportVp: Draft | undefined;
  let outcome: Draft | undefined;
  let denial: Draft | undefined;
  if (t.denial) {
    // 5'. The refusal, signed and logged like a permit (DESIGN §2.4).
    const draft: Draft = buildDenial({
      id: uuidFor('denial'),
      issuer: governor.did,
      agent: agent.did,
      request,
      authorization,
      evaluation: evaluation as never,
      presentation: presentationRef,
      failures: result.policies.flatMap((p, i) =>
        p.decision === 'deny' ? [{ code: 'XP_POLICY_DENIED', message: `policy set ${i} denies`, credentialId: grants.find((g) => g.credentialSubject.grant.policy?.digestMultibase === p.digestMultibase)?.id }] : [],
      ),
      validFrom: T,
    });
    denial = await sign('denial', 0, governor, draft, T);
    ctx.denial = denial;
  } else {
    // 5. The permit (DESIGN §2.2).
    const draft: Draft = buildPermit({
      id: uuidFor('permit'),
      issuer: governor.did,
      agent: agent.did,
      request,
      authorization,
      evaluation: evaluation as never,
      presentation: presentationRef,
      limits: { maxInvocations: 1, budget: { currency: 'EUR', amount: '500.00' } },
      validFrom: T,
      ttlSeconds: TIMES.permitSeconds,
    });
    t.permit?.(draft);
    permit = await sign('permit', 0, governor, draft, T);
    ctx.permit = permit;

    // 6. The agent acts and reports (a second challenge from the governor).
    const startedAt = addSeconds(T, TIMES.startOffset);
    const completedAt = addSeconds(T, TIMES.completeOffset);
    const reportDraft: Draft = buildReportPresentation({
      id: uuidFor('presentation/report'),
      agent: agent.did,
      permit: permit as never,
      status: 'succeeded',
      startedAt,
      completedAt,
      resultDigest: digestMultibase({ transferId: 'tr-2025-06-0001', status: 'booked' }),
      enforcement: {
        events: [{ at: startedAt, type: 'invocation', limit: 'maxInvocations', used: 1 }],
        violations: [],
      },
    });
    t.report?.(reportDraft);
    reportVp = await present('report', t.reportSigner?.(cast) ?? agent, reportDraft, tokenFor('challenge/report'), addSeconds(completedAt, 1));

    // 7. The outcome (DESIGN §2.3), built from the permit and the report.
    const outcomeInput = {
      id: uuidFor('outcome'),
      executionId: uuidFor('execution'),
      issuer: governor.did,
      permit: permit as never,
      report: reportVp as never,
      validFrom: addSeconds(completedAt, 2),
    };
    let outcomeDraft: Draft;
    try {
      outcomeDraft = buildOutcome(outcomeInput);
    } catch {
      // The report names another permit (a vector's tweak): the outcome states what the agent
      // reported, which the builder rightly refuses to do, so patch the builder's result.
      const honest = { ...reportVp, report: { ...reportVp.report, permit: credentialRef(permit as { id: string }) } };
      outcomeDraft = buildOutcome({ ...outcomeInput, report: honest as never });
      outcomeDraft.credentialSubject.permit = reportVp.report.permit;
      outcomeDraft.credentialSubject.report = { digestMultibase: digestMultibase(reportVp) };
    }
    t.outcome?.(outcomeDraft);
    const outcomeSigner = t.outcomeGovernor ? cast[t.outcomeGovernor] : governor;
    outcomeDraft.issuer = outcomeSigner.did;
    outcome = await sign('outcome', 0, outcomeSigner, outcomeDraft, addSeconds(completedAt, 2));
    ctx.outcome = outcome;
  }

  // 8. The log: unrelated entries, then this execution's credentials in issuance order.
  const log = ctx.log;
  for (const e of otherEntries(5)) log.appendBytes(e);
  const items: Array<{ label: string; credential: Draft }> = [
    ...grants.map((g, i) => ({ label: `grant/${i}`, credential: g })),
    ...statusLists.map((s, i) => ({ label: `statusList/${i}`, credential: s })),
    ...(permit ? [{ label: 'permit', credential: permit }] : []),
    ...(outcome ? [{ label: 'outcome', credential: outcome }] : []),
    ...(denial ? [{ label: 'denial', credential: denial }] : []),
  ];
  const labels = t.logOrder ? t.logOrder(items.map((x) => x.label)) : items.map((x) => x.label);
  const indexOf = new Map<string, number>();
  const editedEntries = new Map<string, Uint8Array>();
  const entryBytes = new Map<string, Uint8Array>();
  for (const label of labels) {
    let edited = false;
    const edit = t.logEntry && ((e: Draft) => {
      edited = t.logEntry!(label, e);
    });
    const added = log.add(items.find((x) => x.label === label)!.credential, edit);
    indexOf.set(label, added.index);
    entryBytes.set(label, added.bytes);
    if (edited) editedEntries.set(label, added.bytes);
  }

  const w = t.witnesses ?? { cosign: 0, trusted: 0, threshold: 0 };
  const witnesses = ['alpha', 'beta', 'gamma'].map((l) => witnessKey(l));
  const witnessTime = t.witnessTime ?? Date.parse(T) / 1000 + TIMES.witnessOffset;
  const checkpoint = log.checkpoint(
    witnesses.slice(0, w.cosign),
    witnessTime,
    t.forgeCheckpointKey ? logKey(log.origin, 'forged-log') : log.key,
  );
  // Receipts for every logged credential. Versions of a status list share their id (a URL), so
  // their receipts carry the logged entry, whose digest tells which version each belongs to
  // (spec/verification.md 2.5).
  const idCount = new Map<string, number>();
  for (const { credential } of items) idCount.set(String(credential.id), (idCount.get(String(credential.id)) ?? 0) + 1);
  let receipts = items.flatMap(({ label, credential }) => {
    const index = indexOf.get(label);
    if (index === undefined) return [];
    const shared = (idCount.get(String(credential.id)) ?? 0) > 1;
    const entry = editedEntries.get(label) ?? (shared ? entryBytes.get(label) : undefined);
    return [log.receipt(String(credential.id), index, checkpoint, log.tree.size, entry)];
  });
  if (t.receipts) receipts = t.receipts(receipts, log);

  // 9. The bundle (spec/bundle.md) and the verifier's trust file (spec/trust-file.md).
  const didDocuments: Draft = {};
  if (rootIssuer === cast.webAuthority && t.includeDidDocument !== false) {
    didDocuments[rootIssuer.did] = didDocumentOf(rootIssuer);
  }
  let bundle: Draft = {
    type: 'ProvenanceBundle',
    version: 1,
    grants,
    ...(permit ? { permit } : {}),
    ...(outcome ? { outcome } : {}),
    ...(denial ? { denial } : {}),
    presentations: { request: requestVp, ...(reportVp ? { report: reportVp } : {}) },
    receipts,
    statusLists,
    didDocuments,
  };
  bundle = t.bundle?.(bundle, ctx) ?? bundle;

  const trust: Draft = {
    version: 1,
    authorities: [cast.authority.did, cast.webAuthority.did],
    governors: [cast.governor.did],
    logs: [{ origin: LOG_ORIGIN, vkey: logKey(LOG_ORIGIN).verifierKey }],
    witnesses: { keys: witnesses.slice(0, w.trusted).map((k) => k.verifierKey), threshold: w.threshold },
    allowedCryptosuites: [...ALL_SUITES],
    maxClockSkewSeconds: 60,
  };
  t.trust?.(trust, cast);
  return { bundle, trust };
}
