/**
 * Step 12: the outcome — references this permit, same agent/action/resource, started within the
 * permit's validity, and no recorded violation. Everything in it is attacker-controlled until its
 * proof (6.1) holds; a `violated` outcome makes the bundle invalid (§12.4).
 */
import type { VerifyContext } from './context.js';
import { notAfter, seconds } from './time.js';

export function checkOutcome(ctx: VerifyContext): void {
  const { permit, outcome } = ctx.bundle;
  if (!permit || !outcome) return;
  const o = outcome.credentialSubject;
  const p = permit.credentialSubject;
  // 12.1
  const refOk = o.permit.id === permit.id && o.permit.digestMultibase === ctx.digest(permit);
  const sameGovernor = outcome.issuer === permit.issuer;
  ctx.check(
    refOk && sameGovernor,
    '12.1',
    'XP_OUTCOME_PERMIT_MISMATCH',
    !refOk ? 'does not reference this permit (id or digest differ)' : sameGovernor ? 'references this permit by id and digest, by its governor' : `issued by ${outcome.issuer}, not by the permit’s governor ${permit.issuer}`,
    outcome.id,
  );
  // 12.2
  const trusted = ctx.trust.governors.includes(outcome.issuer);
  ctx.check(trusted, '12.2', 'XP_PERMIT_UNTRUSTED', trusted ? `issued by trusted governor ${outcome.issuer}` : `issuer ${outcome.issuer} is not a trusted governor`, outcome.id);
  const diffs = [
    o.agent !== p.id ? 'agent' : '',
    o.action !== p.request.action ? 'action' : '',
    o.resource !== p.request.resource ? 'resource' : '',
  ].filter(Boolean);
  ctx.check(diffs.length === 0, '12.2', 'XP_OUTCOME_SCOPE', diffs.length === 0 ? 'same agent, action and resource as the permit' : `${diffs.join(', ')} differ from the permit`, outcome.id);
  // 12.3
  const started = seconds(o.startedAt);
  const completed = seconds(o.completedAt);
  const from = seconds(permit.validFrom);
  const until = permit.validUntil === undefined ? Number.POSITIVE_INFINITY : seconds(permit.validUntil);
  const inWindow =
    notAfter(from, started, ctx.skew) &&
    notAfter(ctx.executionTime, started, ctx.skew) &&
    notAfter(started, until, ctx.skew) &&
    started <= completed;
  ctx.check(inWindow, '12.3', 'XP_OUTCOME_OUTSIDE_WINDOW', inWindow ? 'started within the permit’s validity' : `started at ${o.startedAt}, outside the permit’s validity (or completed before it started)`, outcome.id);
  // 12.4
  const violations = o.enforcement.violations ?? [];
  const clean = o.status !== 'violated' && violations.length === 0;
  ctx.check(clean, '12.4', 'XP_OUTCOME_VIOLATION', clean ? `status ${o.status}, no violation recorded` : `runtime enforcement recorded ${violations.length || 'a'} violation(s): the execution left its authority`, outcome.id);
}
