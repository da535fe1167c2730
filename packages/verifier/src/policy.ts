/**
 * Step 11: policy digests and the re-evaluation of every policy on the chain (a conjunction) on
 * the logged request at the execution time. Sources, digests and parameters are attacker-controlled;
 * @xprov/policy never throws and fails closed (any engine error is a deny). One `evaluate` call
 * yields both the digest of each source (11.1) and its decision (11.2); Cedar parses each source
 * once (@xprov/policy caches parsed sets).
 */
import { type Evaluation, evaluate } from '@xprov/policy';
import type { VerifyContext } from './context.js';
import { iso } from './time.js';
import type { GrantCredential } from './types.js';

/**
 * 11.1 and 11.2: evaluates now and returns the reporter; 11.2 is judged only when the request VP
 * held at 6.2 (otherwise the decisions would rest on untrusted parameters).
 */
export function checkPolicies(ctx: VerifyContext, parameters: Record<string, unknown> | undefined): (requestTrusted: boolean) => void {
  const permit = ctx.bundle.permit;
  if (!permit) return () => {};
  const grants = ctx.bundle.grants.filter((g) => g.credentialSubject.grant.policy !== undefined);
  if (grants.length === 0) return () => {};
  const subject = permit.credentialSubject;
  // Evaluated now (overlapping the proofs verified off-thread), reported once 6.2 is known.
  const result = evaluate({
    policies: grants.map((g) => g.credentialSubject.grant.policy!.source),
    request: { principal: subject.id, action: subject.request.action, resource: subject.request.resource, parameters: parameters ?? {} },
    time: iso(ctx.executionTime),
  });
  return (requestTrusted) => report(ctx, grants, result, requestTrusted && parameters !== undefined);
}

function report(ctx: VerifyContext, grants: GrantCredential[], result: Evaluation, judge: boolean): void {
  const subject = ctx.bundle.permit!.credentialSubject;
  const permit = ctx.bundle.permit!;
  // 11.1
  const digestOk = grants.map((g, i) => {
    const actual = result.policies[i]?.digestMultibase;
    const ok = actual !== undefined && actual === g.credentialSubject.grant.policy!.digestMultibase;
    ctx.check(ok, '11.1', 'XP_POLICY_DIGEST', ok ? 'policy digest matches its source' : actual === undefined ? 'the policy source does not parse as Cedar (XP_POLICY_SYNTAX), so no digest matches it' : 'the policy digest does not match its source', g.id);
    return ok;
  });
  if (!judge) return;
  // 11.2: every policy with a sound digest must permit.
  grants.forEach((g, i) => {
    if (!digestOk[i]) return;
    const r = result.policies[i];
    const allowed = result.errors.length === 0 && r?.decision === 'allow';
    const why = result.errors[0]?.code ?? r?.errors[0]?.code;
    ctx.check(allowed, '11.2', 'XP_POLICY_DENIED', allowed ? 'the policy permits the logged request' : `the policy does not permit the logged request${why ? ` (${why})` : ''}`, g.id);
  });
  // …and the permit must record each of them (with a sound digest) as allowing.
  const recorded = subject.evaluation.policies;
  const missing = grants.filter((g, i) => digestOk[i] && !recorded.some((p) => p.digestMultibase === g.credentialSubject.grant.policy!.digestMultibase && p.decision === 'allow'));
  const denied = recorded.filter((p) => p.decision !== 'allow');
  const ok = missing.length === 0 && denied.length === 0;
  ctx.check(ok, '11.2', 'XP_POLICY_DENIED', ok ? 'the permit records every chain policy as allowing' : 'the permit does not record every chain policy as allowing', permit.id);
}
