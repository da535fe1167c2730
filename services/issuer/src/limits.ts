/**
 * Runtime limits carried by a permit (DESIGN §2.2 `limits`) and the governor's own check of an
 * agent's report against them (spec/governor.md §Limits). The requested limits and the report's
 * enforcement events come from the agent.
 *
 *   maxInvocations  how many `ctx.check(step)` calls the execution may make
 *   budget          how much `ctx.spend(amount)` may add up to (a number, in the request's unit)
 *   timeoutSeconds  the execution's own deadline (never past the permit's validUntil)
 *
 * Enforcement events, as the SDK writes them: `{type: "invocation", step, count}`,
 * `{type: "spend", amount, total}`.
 */
import { z } from 'zod';
import type { ExecutionPermitCredential, ExecutionReport } from '@xprov/format';

export const Limits = z.strictObject({
  maxInvocations: z.int().min(0).max(1_000_000).optional(),
  budget: z.number().min(0).max(1e15).optional(),
  timeoutSeconds: z.int().min(1).max(3600).optional(),
});
export type Limits = z.infer<typeof Limits>;

/** The limits written into a permit: only known fields, only when given. */
export function permitLimits(l: Limits | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (l?.maxInvocations !== undefined) out.maxInvocations = l.maxInvocations;
  if (l?.budget !== undefined) out.budget = l.budget;
  if (l?.timeoutSeconds !== undefined) out.timeoutSeconds = l.timeoutSeconds;
  return out;
}

/** Violations the governor itself sees in a report that claims none. */
export function governorViolations(permit: ExecutionPermitCredential, report: ExecutionReport, skewMs: number): Record<string, string | number>[] {
  const limits = permit.credentialSubject.limits as Partial<Record<string, number>>;
  const events = report.enforcement.events as Array<Record<string, unknown> | unknown>;
  const out: Record<string, string | number>[] = [];
  const objects = events.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && !Array.isArray(e));
  const invocations = objects.filter((e) => e.type === 'invocation').length;
  const spent = objects.filter((e) => e.type === 'spend' && typeof e.amount === 'number').reduce((s, e) => s + (e.amount as number), 0);
  if (typeof limits.maxInvocations === 'number' && invocations > limits.maxInvocations) {
    out.push({ type: 'maxInvocations', limit: limits.maxInvocations, observed: invocations, by: 'governor' });
  }
  if (typeof limits.budget === 'number' && spent > limits.budget) {
    out.push({ type: 'budget', limit: limits.budget, observed: spent, by: 'governor' });
  }
  const deadline = Math.min(
    Date.parse(permit.validUntil),
    typeof limits.timeoutSeconds === 'number' ? Date.parse(report.startedAt) + limits.timeoutSeconds * 1000 : Number.POSITIVE_INFINITY,
  );
  if (Date.parse(report.completedAt) > deadline + skewMs) {
    out.push({ type: 'deadline', limit: new Date(deadline).toISOString(), observed: report.completedAt, by: 'governor' });
  }
  return out;
}
