/**
 * `verifyBundle`: the ordered checks of spec/verification.md over one bundle and one trust file.
 * It never throws: a failure inside a step is reported as XP_INTERNAL (verdict invalid), and it
 * does no I/O beyond what the caller injects (online DID resolution only).
 */
import { VerifyContext, type VerifyOptions } from './context.js';
import { checkChain } from './chain.js';
import { carriesSameChain, withGrantsCarried } from './carried.js';
import { readPlainBundle, readTrust } from './inputs.js';
import { checkLog, type LoggedCredential } from './log.js';
import { checkOutcome } from './outcome.js';
import { checkPermit, checkPermitIssuer } from './permit.js';
import { checkPolicies } from './policy.js';
import { REPORT_LABEL, REQUEST_LABEL, checkReportBinding, checkRequestBinding, labelOf } from './presentations.js';
import { plainJsonProblem } from './plain-json.js';
import { type SignedItem, checkProofs } from './proofs.js';
import { type ChainLink, type Check, type VerificationResult, verdictOf } from './result.js';
import { belongsTo, sharedIds } from './receipts.js';
import { checkRevocation, listIssuer } from './status.js';
import { iso, seconds } from './time.js';
import type { Bundle, Credential, PermitCredential, Receipt, StatusListCredential, Trust } from './types.js';
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

/** The proof checks of an execution bundle (steps 4–6), once started; see `startProofs`. */
interface StartedProofs {
  /** Settles when every check has finished and been recorded (never rejects). */
  proofs: Promise<void>;
  /** Settles once every admitted signature check is running (or `proofs` has settled). */
  running: Promise<unknown>;
  /** The documents whose proof verified, once `proofs` has settled. */
  verified: () => Set<object>;
}

/** Steps 4–6 for an execution bundle: every credential and presentation signed in it. */
function executionItems(bundle: Bundle, permit: PermitCredential): SignedItem[] {
  const outcome = bundle.outcome;
  return [
    ...bundle.grants.map((g) => assertion(g)),
    assertion(permit),
    ...(outcome ? [assertion(outcome)] : []),
    ...statusListsInUse(bundle).map((l) => ({ ...assertion(l), controller: listIssuer(l) })),
    ...presentationItem(bundle.presentations.request, REQUEST_LABEL, '6.2', permit.credentialSubject.presentation?.challenge),
    ...presentationItem(bundle.presentations.report, REPORT_LABEL, '6.3', bundle.presentations.report?.proof.challenge),
  ];
}

/**
 * Starts 4–6: hash data is computed and every signature check handed to the thread pool
 * (@xprov/crypto) before the caller's synchronous steps, which then overlap the checks; the
 * caller awaits `running` first (measured: without it the checks only started after them).
 */
function startProofs(ctx: VerifyContext, items: SignedItem[]): StartedProofs {
  let verified = new Set<object>();
  let started: () => void = () => {};
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  const proofs = step(ctx, '6', async () => {
    verified = await checkProofs(ctx, items, started);
  });
  return { proofs, running: Promise.race([running, proofs]), verified: () => verified };
}

/**
 * The proof checks of an execution bundle, started on the plain-JSON input before its schema
 * check (2.1–2.2 take a quarter of the main thread's work; started after them, the signature
 * checks were the last thing to finish). Sound because their results are used only if the input
 * then passes 2.1–2.2, which make its schema output equal to it member for member: the checks
 * ran on the very JSON every later step reads (`readPlainBundle` returns this view's objects).
 * When the input fails there, they are dropped unread. The input is attacker-controlled, so
 * anything unexpected here (a throw while building the items, two roles given the same object)
 * means no early start: the checks then start after 2.2 exactly as before. So does I/O the caller
 * injected (online DID resolution, a document loader): it is only ever asked about a bundle that
 * passed 2.2.
 */
function startEarly(input: unknown, trust: Trust, options: VerifyOptions): { ctx: VerifyContext; view: Bundle; started: StartedProofs } | undefined {
  if (options.resolveDid !== undefined || options.documentLoader !== undefined) return undefined;
  let view: Bundle;
  let permit: PermitCredential;
  let items: SignedItem[];
  try {
    const b = input as Partial<Bundle>;
    if (typeof b !== 'object' || b === null || Array.isArray(b) || b.denial !== undefined) return undefined;
    if (typeof b.permit !== 'object' || b.permit === null || !Array.isArray(b.grants) || b.grants.length === 0) return undefined;
    if (!Array.isArray(b.statusLists) || typeof b.presentations !== 'object' || b.presentations === null) return undefined;
    permit = b.permit;
    // The carried chain, when it is `grants` again, is `grants`' own objects, as readBundle does.
    view = (carriesSameChain(input) ? withGrantsCarried(b) : { ...b }) as Bundle;
    items = executionItems(view, permit);
    // Results are kept per object (6.1: status-list versions share an id): one object, one role.
    if (new Set(items.map((i) => i.doc)).size !== items.length) return undefined;
    for (const item of items) if (typeof item.doc !== 'object' || item.doc === null) return undefined;
  } catch {
    return undefined;
  }
  const ctx = new VerifyContext(view, trust, options);
  return { ctx, view, started: startProofs(ctx, items) };
}

async function run(bundleInput: unknown, trustInput: unknown, options: VerifyOptions): Promise<VerificationResult> {
  // 1.1
  const trust = readTrust(trustInput);
  if (!trust.ok) {
    const checks: Check[] = [{ id: '1.1', code: 'XP_TRUST_INVALID', ok: false, message: trust.message }];
    return { verdict: verdictOf(checks), checks, chain: [] };
  }
  // 2.1: plain JSON first, so that the parsed value is, member for member, the input.
  const problem = plainJsonProblem(bundleInput);
  const early = problem === undefined ? startEarly(bundleInput, trust.value, options) : undefined;
  if (early) await early.started.running;
  // 2.1–2.2
  const parsed = problem !== undefined ? ({ ok: false, message: `not plain JSON: ${problem}` } as const) : readPlainBundle(bundleInput, early?.view);
  if (!parsed.ok) {
    const checks: Check[] = [{ id: '2.1', code: 'XP_MALFORMED', ok: false, message: parsed.message }];
    return { verdict: verdictOf(checks), checks, chain: [] };
  }
  let ctx: VerifyContext;
  if (early) {
    ctx = early.ctx;
    ctx.bundle = parsed.value;
  } else {
    ctx = new VerifyContext(parsed.value, trust.value, options);
  }
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
  return ctx.bundle.denial ? verifyDenial(ctx, ctx.bundle.denial) : verifyExecution(ctx, ctx.bundle.permit!, early?.started);
}

async function verifyExecution(ctx: VerifyContext, permit: PermitCredential, early?: StartedProofs): Promise<VerificationResult> {
  const { bundle } = ctx;
  // 3.1
  ctx.executionTime = seconds(permit.credentialSubject.evaluation.evaluatedAt);
  const leaf = bundle.grants[bundle.grants.length - 1]!;
  const agent = leaf.credentialSubject.id;
  const outcome = bundle.outcome;
  const statusLists = statusListsInUse(bundle);
  // 4–6 (started already on the input when it allowed, see startEarly): signatures are verified
  // off the main thread while the synchronous steps below run; their results are awaited before
  // anything depends on them.
  const started = early ?? startProofs(ctx, executionItems(bundle, permit));
  const { proofs } = started;
  await started.running;
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
    reportPolicies(requestBound && vp !== undefined && started.verified().has(vp));
  });
  // 9.1 after §13: a status list decides only when its proof verified and it is logged (9.1 d, e).
  const verified = started.verified();
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
