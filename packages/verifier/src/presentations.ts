/**
 * 6.2 / 6.3: the agent's request and report presentations bind the permit and the outcome to the
 * agent's own signature and the governor's challenge. Both VPs are attacker-supplied.
 */
import type { VerifyContext } from './context.js';
import type { Presentation } from './types.js';

export const REQUEST_LABEL = 'presentation:request';
export const REPORT_LABEL = 'presentation:report';

export function labelOf(vp: Presentation | undefined, fallback: string): string {
  return typeof vp?.id === 'string' ? vp.id : fallback;
}

interface RequestBody {
  action: string;
  resource: string;
  parameters: Record<string, unknown>;
  parametersDigest: string;
  parent?: { id: string; digestMultibase: string };
}

/** 6.2 content binding (the proof itself is checked in proofs.ts). Returns ok. */
export function checkRequestBinding(ctx: VerifyContext, vp: Presentation | undefined, permitLike: { presentation?: { digestMultibase: string }; request: { action: string; resource: string; parametersDigest: string }; id: string }, agent: string, checkChain: boolean): boolean {
  const label = labelOf(vp, REQUEST_LABEL);
  if (!vp) {
    ctx.fail('6.2', 'XP_PRESENTATION_INVALID', 'the agent’s request presentation is missing', REQUEST_LABEL);
    return false;
  }
  const request = (vp as { request?: RequestBody }).request;
  const problems: string[] = [];
  if (vp.holder !== agent) problems.push(`holder ${vp.holder} is not the agent ${agent}`);
  if (!permitLike.presentation || permitLike.presentation.digestMultibase !== ctx.digest(vp)) problems.push('its digest is not the one the permit records');
  if (!request || request.action !== permitLike.request.action || request.resource !== permitLike.request.resource || request.parametersDigest !== permitLike.request.parametersDigest) {
    problems.push('its request differs from the permit’s');
  }
  if (checkChain) {
    const carried = Array.isArray(vp.verifiableCredential) ? vp.verifiableCredential : [];
    const grants = ctx.bundle.grants;
    // The very parsed grant (step 2.1 found the carried chain identical, carried.ts), or the same
    // JSON text, implies the same value (and digest); only differing spellings need JCS.
    const same =
      carried.length === grants.length &&
      carried.every((c, i) => c === grants[i] || (typeof c === 'object' && c !== null && (JSON.stringify(c) === JSON.stringify(grants[i]) || ctx.digest(c) === ctx.digest(grants[i]!))));
    if (!same) problems.push('it does not carry the bundle’s grant chain');
  }
  return ctx.check(problems.length === 0, '6.2', 'XP_PRESENTATION_INVALID', problems.length === 0 ? 'the agent’s request, as the permit records it' : problems.join('; '), label);
}

interface ReportBody {
  permit: { id: string; digestMultibase: string };
  status: string;
  startedAt: string;
  completedAt: string;
  resultDigest?: string;
}

/** 6.3 content binding: the outcome states what the agent reported (12.1 binds the outcome to the permit). */
export function checkReportBinding(ctx: VerifyContext, vp: Presentation | undefined, agent: string): boolean {
  const { outcome } = ctx.bundle;
  if (!outcome) return true;
  const label = labelOf(vp, REPORT_LABEL);
  if (!vp) {
    ctx.fail('6.3', 'XP_PRESENTATION_INVALID', 'the agent’s report presentation is missing', REPORT_LABEL);
    return false;
  }
  const o = outcome.credentialSubject;
  const r = (vp as { report?: ReportBody }).report;
  const problems: string[] = [];
  if (vp.holder !== agent) problems.push(`holder ${vp.holder} is not the agent ${agent}`);
  if (o.report.digestMultibase !== ctx.digest(vp)) problems.push('its digest is not the one the outcome records');
  if (
    !r ||
    r.permit.id !== o.permit.id ||
    r.permit.digestMultibase !== o.permit.digestMultibase ||
    r.status !== o.status ||
    r.startedAt !== o.startedAt ||
    r.completedAt !== o.completedAt ||
    r.resultDigest !== o.resultDigest
  ) {
    problems.push('the outcome does not state what the agent reported');
  }
  return ctx.check(problems.length === 0, '6.3', 'XP_PRESENTATION_INVALID', problems.length === 0 ? 'the agent’s report, as the outcome states it' : problems.join('; '), label);
}
