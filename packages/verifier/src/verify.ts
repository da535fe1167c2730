/**
 * `verifyBundle`: the ordered checks of spec/verification.md over one bundle and one trust file.
 * It never throws: a failure inside a step is reported as XP_INTERNAL (verdict invalid), and it
 * does no I/O beyond what the caller injects (online DID resolution only).
 */
import { VerifyContext, type VerifyOptions } from './context.js';
import { checkChain } from './chain.js';
import { readBundle, readTrust } from './inputs.js';
import { checkLog, type LoggedCredential } from './log.js';
import { checkOutcome } from './outcome.js';
import { checkPermit, checkPermitIssuer } from './permit.js';
import { checkPolicies } from './policy.js';
import { REPORT_LABEL, REQUEST_LABEL, checkReportBinding, checkRequestBinding, labelOf } from './presentations.js';
import { type SignedItem, checkProofs } from './proofs.js';
import { type ChainLink, type Check, type VerificationResult, verdictOf } from './result.js';
import { belongsTo, sharedIds } from './receipts.js';
import { checkRevocation, listIssuer } from './status.js';
import { iso, seconds } from './time.js';
import type { Bundle, Credential, PermitCredential, Receipt, StatusListCredential } from './types.js';
import { checkValidity, checkValidityAt } from './validity.js';

function internal(id: string, e: unknown): Check {
  return { id, code: 'XP_INTERNAL', ok: false, message: `internal error: ${e instanceof Error ? e.message : String(e)}` };
}

/** Runs one step; an exception becomes an XP_INTERNAL failure, never a silent pass. */
async function step(ctx: VerifyContext, id: string, fn: () => void | Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    ctx.checks.push(internal(id, e));
  }
}

function assertion(doc: Credential, step = '6.1'): SignedItem {
  return { doc, label: doc.id, controller: doc.issuer, purpose: 'assertionMethod', step, code: 'XP_PROOF_INVALID' };
}

function statusListsInUse(bundle: Bundle): StatusListCredential[] {
  const ids = new Set(bundle.grants.map((g) => g.credentialStatus?.statusListCredential).filter((x): x is string => typeof x === 'string'));
  return bundle.statusLists.filter((l) => ids.has(l.id));
}

function presentationItem(vp: Bundle['presentations']['request'], fallback: string, step: string, challenge: string | undefined): SignedItem[] {
  if (!vp) return [];
  return [{ doc: vp, label: labelOf(vp, fallback), controller: vp.holder, purpose: 'authentication', step, code: 'XP_PRESENTATION_INVALID', challenge: challenge ?? '' }];
}

export async function verifyBundle(bundle: unknown, trust: unknown, options: VerifyOptions = {}): Promise<VerificationResult> {
  try {
    return await run(bundle, trust, options ?? {});
  } catch (e) {
    return { verdict: 'invalid', checks: [internal('0', e)], chain: [] };
  }
}

async function run(bundleInput: unknown, trustInput: unknown, options: VerifyOptions): Promise<VerificationResult> {
  // 1.1
  const trust = readTrust(trustInput);
  if (!trust.ok) {
    const checks: Check[] = [{ id: '1.1', code: 'XP_TRUST_INVALID', ok: false, message: trust.message }];
    return { verdict: verdictOf(checks), checks, chain: [] };
  }
  // 2.1–2.2
  const parsed = readBundle(bundleInput);
  if (!parsed.ok) {
    const checks: Check[] = [{ id: '2.1', code: 'XP_MALFORMED', ok: false, message: parsed.message }];
    return { verdict: verdictOf(checks), checks, chain: [] };
  }
  const ctx = new VerifyContext(parsed.value, trust.value, options);
  ctx.pass('2.1', 'XP_MALFORMED', 'a well-formed provenance bundle');
  // 2.3: every receipt is for a credential of this bundle (bundle.md rule 5).
  const b = ctx.bundle;
  const ids = new Set([...b.grants, b.permit, b.outcome, b.denial, ...b.statusLists].filter((c) => c !== undefined).map((c) => c.id));
  for (const r of b.receipts) {
    if (!ids.has(r.credentialId)) ctx.fail('2.3', 'XP_MALFORMED', `a receipt names ${r.credentialId}, which is not in the bundle`, r.credentialId);
  }
  // 2.5: a receipt for an id that several credentials share (status-list versions) belongs to the
  // one its logged entry names.
  const shared = sharedIds(b);
  const versions = b.statusLists.filter((l) => shared.has(l.id));
  for (const r of b.receipts) {
    if (!shared.has(r.credentialId)) continue;
    const owner = [...b.grants, b.permit, b.outcome, b.denial, ...versions].some((c) => c !== undefined && belongsTo(ctx, shared, r, c));
    if (!owner) ctx.fail('2.5', 'XP_MALFORMED', `a receipt for ${r.credentialId}, which several credentials carry, does not name one of them by its logged entry`, r.credentialId);
  }
  return ctx.bundle.denial ? verifyDenial(ctx, ctx.bundle.denial) : verifyExecution(ctx, ctx.bundle.permit!);
}

async function verifyExecution(ctx: VerifyContext, permit: PermitCredential): Promise<VerificationResult> {
  const { bundle } = ctx;
  // 3.1
  ctx.executionTime = seconds(permit.credentialSubject.evaluation.evaluatedAt);
  const leaf = bundle.grants[bundle.grants.length - 1]!;
  const agent = leaf.credentialSubject.id;
  const outcome = bundle.outcome;
  const statusLists = statusListsInUse(bundle);
  let verified = new Set<object>();
  // 4–6 start first: signatures are verified off the main thread (@xprov/crypto) while the
  // synchronous steps below run; their results are awaited before anything depends on them.
  const items: SignedItem[] = [
    ...bundle.grants.map((g) => assertion(g)),
    assertion(permit),
    ...(outcome ? [assertion(outcome)] : []),
    ...statusLists.map((l) => ({ ...assertion(l), controller: listIssuer(l) })),
    ...presentationItem(bundle.presentations.request, REQUEST_LABEL, '6.2', permit.credentialSubject.presentation?.challenge),
    ...presentationItem(bundle.presentations.report, REPORT_LABEL, '6.3', bundle.presentations.report?.proof.challenge),
  ];
  let started: () => void = () => {};
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  const proofs = step(ctx, '6', async () => {
    verified = await checkProofs(ctx, items, started);
  });
  // Hash data is computed and every signature check handed to the thread pool before the
  // synchronous steps start, so that those overlap the checks (measured: without this wait the
  // checks only started after the synchronous steps).
  await Promise.race([running, proofs]);
  let requestBound = false;
  await step(ctx, '6.2', () => {
    requestBound = checkRequestBinding(ctx, bundle.presentations.request, permit.credentialSubject, agent, true);
  });
  if (outcome) await step(ctx, '6.3', () => void checkReportBinding(ctx, bundle.presentations.report, agent));
  await step(ctx, '7', () => checkChain(ctx));
  await step(ctx, '8', () => checkValidity(ctx));
  await step(ctx, '10', () => checkPermit(ctx));
  let reportPolicies: (requestTrusted: boolean) => void = () => {};
  await step(ctx, '11', () => {
    const params = (bundle.presentations.request as { request?: { parameters?: Record<string, unknown> } } | undefined)?.request?.parameters;
    reportPolicies = checkPolicies(ctx, params);
  });
  await step(ctx, '12', () => checkOutcome(ctx));
  // §13 does not depend on the proofs' results (9.1 below does): it runs while the thread pool
  // still checks signatures. Checks are reported in step order whatever order they ran in.
  let receipts = new Map<string, Receipt>();
  const logged = new Set<object>();
  const logFailed = new Set<object>();
  await step(ctx, '13', () => {
    const items: LoggedCredential[] = [
      ...bundle.grants.map((g) => ({ credential: g, required: true, role: 'grant' as const })),
      { credential: permit, required: true, role: 'permit' },
      ...(outcome ? [{ credential: outcome, required: true, role: 'outcome' as const }] : []),
      // Status lists: receipts verified when present, not required (versions of one list share an id).
      ...statusLists.map((l) => ({ credential: l, required: false, role: 'status' as const })),
    ];
    const times = { permitId: permit.id, ...(outcome ? { outcomeId: outcome.id, outcomeCompleted: seconds(outcome.credentialSubject.completedAt) } : {}) };
    receipts = checkLog(ctx, items, times, logged, logFailed);
  });
  await proofs;
  await step(ctx, '11.2', () => {
    const vp = bundle.presentations.request;
    reportPolicies(requestBound && vp !== undefined && verified.has(vp));
  });
  // 9.1 after §13: a status list decides only when its proof verified and it is logged (9.1 d, e).
  await step(ctx, '9', () => checkRevocation(ctx, (l) => verified.has(l) && logged.has(l), (l) => logFailed.has(l)));
  return finish(ctx, 'permit', receipts, outcome ? { status: outcome.credentialSubject.status } : undefined);
}

/** §15: a denial bundle is evidence of a refusal: authentic, by a trusted governor, logged. */
async function verifyDenial(ctx: VerifyContext, denial: PermitCredential): Promise<VerificationResult> {
  const { bundle } = ctx;
  const s = denial.credentialSubject;
  ctx.executionTime = seconds(s.evaluation?.evaluatedAt ?? denial.validFrom);
  const vp = bundle.presentations.request;
  let verified = new Set<object>();
  await step(ctx, '6', async () => {
    verified = await checkProofs(ctx, [assertion(denial), ...presentationItem(vp, REQUEST_LABEL, '6.2', s.presentation?.challenge)]);
  });
  if (vp) await step(ctx, '6.2', () => void checkRequestBinding(ctx, vp, s, s.id, false));
  await step(ctx, '15.1', () => checkPermitIssuer(ctx, denial, '15.1'));
  await step(ctx, '8.2', () => {
    if (denial.validUntil !== undefined) checkValidityAt(ctx, denial, '8.2');
  });
  let receipts = new Map<string, Receipt>();
  await step(ctx, '13', () => {
    receipts = checkLog(ctx, [{ credential: denial, required: true, role: 'denial' }], {});
  });
  void verified;
  const result = finish(ctx, 'deny', receipts, undefined);
  const failures = (s as { failures?: { code: string }[] }).failures;
  result.denialCodes = Array.isArray(failures) ? failures.map((f) => f.code) : [];
  return result;
}

/** Checks in spec order (stable within a step): 4.1 before 5.1 before 6.1 before 13.8. */
function byStep(checks: Check[]): Check[] {
  const key = (id: string) => id.split('.').map((n) => Number(n) || 0);
  return checks
    .map((c, i) => ({ c, i, k: key(c.id) }))
    .sort((a, b) => (a.k[0]! - b.k[0]!) || ((a.k[1] ?? 0) - (b.k[1] ?? 0)) || a.i - b.i)
    .map((x) => x.c);
}

function finish(ctx: VerifyContext, decision: 'permit' | 'deny', receipts: Map<string, Receipt>, outcome: { status: string } | undefined): VerificationResult {
  const { bundle } = ctx;
  const at = (id: string) => {
    const r = receipts.get(id);
    return r ? { log: { origin: r.origin, index: r.index } } : {};
  };
  const chain: ChainLink[] = [];
  if (decision === 'permit') {
    for (const g of bundle.grants) {
      const gr = g.credentialSubject.grant;
      chain.push({ role: 'grant', id: g.id, issuer: g.issuer, subject: g.credentialSubject.id, actions: gr.actions, resources: gr.resources, ...at(g.id) });
    }
  }
  const p = bundle.permit ?? bundle.denial;
  if (p) {
    const r = p.credentialSubject.request;
    chain.push({ role: decision === 'permit' ? 'permit' : 'denial', id: p.id, issuer: p.issuer, subject: p.credentialSubject.id, actions: [r.action], resources: [r.resource], ...at(p.id) });
  }
  if (bundle.outcome) {
    const o = bundle.outcome;
    chain.push({ role: 'outcome', id: o.id, issuer: o.issuer, subject: o.credentialSubject.agent, actions: [o.credentialSubject.action], resources: [o.credentialSubject.resource], ...at(o.id) });
  }
  const result: VerificationResult = { verdict: verdictOf(ctx.checks), decision, checks: byStep(ctx.checks), chain };
  if (!Number.isNaN(ctx.executionTime)) result.executionTime = iso(ctx.executionTime);
  if (outcome) result.outcome = outcome;
  return result;
}
