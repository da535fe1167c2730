/**
 * The xprov execution predicate (`https://w3id.org/xprov/execution/v1`, spec/attestation.md §3):
 * a summary of one verified execution — authority, delegation chain, permit, outcome and log
 * receipts — for policy engines built for in-toto attestations. Every value is copied from the
 * signed credentials; digests stay in xprov's `digestMultibase` form so they can be compared with
 * the credentials without conversion. The zod schema is the source of truth;
 * spec/schemas/interop/xprov-execution-predicate.schema.json is generated from it.
 */
import { DateTime, Did, DigestMultibase, LogOrigin, SignedNoteText, type ProvenanceBundle } from '@xprov/format';
import { z } from 'zod';

export const EXECUTION_PREDICATE_TYPE = 'https://w3id.org/xprov/execution/v1';

const Ref = z.strictObject({ id: z.string().min(1), digestMultibase: DigestMultibase });
const Json = z.json();

export const ChainLinkSummary = z.strictObject({
  id: z.string().min(1),
  digestMultibase: DigestMultibase,
  issuer: Did,
  subject: Did,
  actions: z.array(z.string()).min(1),
  resources: z.array(z.string()).min(1),
  maxDelegationDepth: z.int().min(0),
  validFrom: DateTime,
  validUntil: DateTime.optional(),
  policy: z.strictObject({ language: z.string(), digestMultibase: DigestMultibase }).optional(),
  parent: Ref.optional(),
});

export const PermitSummary = z.strictObject({
  id: z.string().min(1),
  digestMultibase: DigestMultibase,
  issuer: Did,
  validFrom: DateTime,
  validUntil: DateTime.optional(),
  decision: z.literal('permit'),
  request: z.strictObject({
    action: z.string(),
    resource: z.string(),
    parametersDigest: DigestMultibase,
    parent: Ref.optional(),
  }),
  evaluation: z.strictObject({
    engine: z.string().optional(),
    evaluatedAt: DateTime,
    contextDigest: DigestMultibase.optional(),
    policies: z.array(z.strictObject({ digestMultibase: DigestMultibase, decision: z.string() })),
  }),
  presentation: z.strictObject({ digestMultibase: DigestMultibase }).optional(),
  limits: Json.optional(),
});

export const OutcomeSummary = z.strictObject({
  id: z.string().min(1),
  digestMultibase: DigestMultibase,
  issuer: Did,
  executionId: z.string().min(1),
  agent: Did,
  status: z.enum(['succeeded', 'failed', 'aborted', 'violated']),
  startedAt: DateTime,
  completedAt: DateTime,
  resultDigest: DigestMultibase.optional(),
  enforcement: z.strictObject({ events: z.array(Json), violations: z.array(Json) }),
  report: z.strictObject({ digestMultibase: DigestMultibase }),
});

export const ReceiptSummary = z.strictObject({
  credentialId: z.string().min(1),
  origin: LogOrigin,
  index: z.int().min(0),
  treeSize: z.int().min(1),
  checkpoint: SignedNoteText,
});

export const ExecutionPredicate = z.strictObject({
  version: z.literal(1),
  /** How the exporter verified the ProvenanceBundle (absent when it was only schema-checked). */
  verification: z.strictObject({ verdict: z.literal('valid'), executionTime: DateTime }).optional(),
  authority: z.strictObject({ id: Did }),
  /** Root grant first, then each delegation. */
  chain: z.array(ChainLinkSummary).min(1),
  permit: PermitSummary,
  outcome: OutcomeSummary,
  /** One per logged credential, in bundle order. */
  log: z.array(ReceiptSummary),
});

export type ExecutionPredicate = z.infer<typeof ExecutionPredicate>;

type Grant = ProvenanceBundle['grants'][number];
type Permit = NonNullable<ProvenanceBundle['permit']>;
type Outcome = NonNullable<ProvenanceBundle['outcome']>;

const issuerOf = (c: { issuer: unknown }): string =>
  typeof c.issuer === 'string' ? c.issuer : String((c.issuer as { id?: unknown }).id);

/** Copies `value` only when it is defined, so optional fields stay absent (not `undefined`). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function chainLink(g: Grant, digest: string): z.infer<typeof ChainLinkSummary> {
  const grant = g.credentialSubject.grant;
  return {
    id: g.id,
    digestMultibase: digest,
    issuer: issuerOf(g),
    subject: g.credentialSubject.id,
    actions: [...grant.actions],
    resources: [...grant.resources],
    maxDelegationDepth: grant.maxDelegationDepth,
    validFrom: g.validFrom,
    ...opt('validUntil', g.validUntil),
    ...opt('policy', grant.policy && { language: grant.policy.language, digestMultibase: grant.policy.digestMultibase }),
    ...opt('parent', (g as { parent?: { id: string; digestMultibase: string } }).parent),
  };
}

function permitSummary(p: Permit, digest: string): z.infer<typeof PermitSummary> {
  const s = p.credentialSubject;
  const e = s.evaluation;
  return {
    id: p.id,
    digestMultibase: digest,
    issuer: issuerOf(p),
    validFrom: p.validFrom,
    ...opt('validUntil', p.validUntil),
    decision: 'permit',
    request: {
      action: s.request.action,
      resource: s.request.resource,
      parametersDigest: s.request.parametersDigest,
      ...opt('parent', s.request.parent),
    },
    evaluation: {
      ...opt('engine', e.engine),
      evaluatedAt: e.evaluatedAt,
      ...opt('contextDigest', e.contextDigest),
      policies: e.policies.map((x) => ({ digestMultibase: x.digestMultibase, decision: x.decision })),
    },
    ...opt('presentation', s.presentation && { digestMultibase: s.presentation.digestMultibase }),
    ...opt('limits', s.limits as z.infer<typeof Json> | undefined),
  };
}

function outcomeSummary(o: Outcome, digest: string): z.infer<typeof OutcomeSummary> {
  const s = o.credentialSubject;
  return {
    id: o.id,
    digestMultibase: digest,
    issuer: issuerOf(o),
    executionId: s.id,
    agent: s.agent,
    status: s.status,
    startedAt: s.startedAt,
    completedAt: s.completedAt,
    ...opt('resultDigest', s.resultDigest),
    enforcement: {
      events: [...((s.enforcement.events ?? []) as z.infer<typeof Json>[])],
      violations: [...((s.enforcement.violations ?? []) as z.infer<typeof Json>[])],
    },
    report: { digestMultibase: s.report.digestMultibase },
  };
}

/**
 * The predicate of a ProvenanceBundle with a permit and an outcome. `digests` maps each
 * credential id to its DESIGN §2 digest (the caller computed them once).
 */
export function buildPredicate(
  bundle: ProvenanceBundle & { permit: Permit; outcome: Outcome },
  digests: ReadonlyMap<string, string>,
  verification?: { executionTime: string },
): ExecutionPredicate {
  const d = (id: string) => digests.get(id) as string;
  const root = bundle.grants[0] as Grant;
  return {
    version: 1,
    ...opt('verification', verification && { verdict: 'valid' as const, executionTime: verification.executionTime }),
    authority: { id: issuerOf(root) },
    chain: bundle.grants.map((g) => chainLink(g, d(g.id))),
    permit: permitSummary(bundle.permit, d(bundle.permit.id)),
    outcome: outcomeSummary(bundle.outcome, d(bundle.outcome.id)),
    log: bundle.receipts.map((r) => ({
      credentialId: r.credentialId,
      origin: r.origin,
      index: r.index,
      treeSize: r.treeSize,
      checkpoint: r.checkpoint,
    })),
  };
}
