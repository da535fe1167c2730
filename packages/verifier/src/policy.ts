/**
 * Step 11: policy digests and the re-evaluation of every policy on the chain (a conjunction) on
 * the logged request at the execution time. Sources, digests and parameters are attacker-controlled;
 * @xprov/policy never throws and fails closed (any engine error is a deny).
 */
import { evaluate, policyDigest } from '@xprov/policy';
import type { VerifyContext } from './context.js';
import { iso } from './time.js';
import type { GrantCredential } from './types.js';

/** 11.1; returns the grants whose policy digest holds (only those are evaluated). */
export function checkPolicyDigests(ctx: VerifyContext): GrantCredential[] {
  const good: GrantCredential[] = [];
  for (const g of ctx.bundle.grants) {
    const policy = g.credentialSubject.grant.policy;
    if (!policy) continue;
    let actual: string | undefined;
    try {
      actual = policyDigest(policy.source);
    } catch {
      actual = undefined;
    }
    const ok = actual === policy.digestMultibase;
    ctx.check(ok, '11.1', 'XP_POLICY_DIGEST', ok ? 'policy digest matches its source' : actual === undefined ? 'the policy source does not parse' : 'the policy digest does not match its source', g.id);
    if (ok) good.push(g);
  }
  return good;
}

/** 11.2: every policy must permit the logged request at T, and the permit must record each as allowed. */
export function checkPolicyDecisions(ctx: VerifyContext, grants: GrantCredential[], parameters: Record<string, unknown>): void {
  const permit = ctx.bundle.permit;
  if (!permit || grants.length === 0) return;
  const subject = permit.credentialSubject;
  const result = evaluate({
    policies: grants.map((g) => g.credentialSubject.grant.policy!.source),
    request: { principal: subject.id, action: subject.request.action, resource: subject.request.resource, parameters },
    time: iso(ctx.executionTime),
  });
  grants.forEach((g, i) => {
    const r = result.policies[i];
    const allowed = result.errors.length === 0 && r?.decision === 'allow';
    const why = result.errors[0]?.code ?? r?.errors[0]?.code;
    ctx.check(allowed, '11.2', 'XP_POLICY_DENIED', allowed ? 'the policy permits the logged request' : `the policy does not permit the logged request${why ? ` (${why})` : ''}`, g.id);
  });
  const recorded = subject.evaluation.policies;
  const missing = grants.filter((g) => !recorded.some((p) => p.digestMultibase === g.credentialSubject.grant.policy!.digestMultibase && p.decision === 'allow'));
  const denied = recorded.filter((p) => p.decision !== 'allow');
  const ok = missing.length === 0 && denied.length === 0;
  ctx.check(ok, '11.2', 'XP_POLICY_DENIED', ok ? 'the permit records every chain policy as allowing' : 'the permit does not record every chain policy as allowing', permit.id);
}
