/**
 * Step 7: the chain of authority, root first (DESIGN §2.1). Issuers, subjects, parents and grants
 * are attacker-controlled; only the trust file's authorities anchor the chain.
 */
import type { VerifyContext } from './context.js';
import { patternCovers } from './patterns.js';
import { seconds } from './time.js';
import type { GrantCredential } from './types.js';

export function checkChain(ctx: VerifyContext): void {
  const grants = ctx.bundle.grants;
  const root = grants[0];
  if (!root) return;
  // 7.1
  if (root.parent !== undefined) {
    ctx.fail('7.1', 'XP_CHAIN_BROKEN', `the first grant is a delegation: its parent ${root.parent.id} is missing`, root.id);
  } else {
    ctx.check(
      ctx.trust.authorities.includes(root.issuer),
      '7.1',
      'XP_CHAIN_UNTRUSTED_ROOT',
      `root issuer ${root.issuer} ${ctx.trust.authorities.includes(root.issuer) ? 'is' : 'is not'} a trusted authority`,
      root.id,
    );
  }
  for (let i = 1; i < grants.length; i++) checkLink(ctx, grants[i - 1]!, grants[i]!);
}

function checkLink(ctx: VerifyContext, parent: GrantCredential, child: GrantCredential): void {
  // 7.2
  const linked = child.parent !== undefined && child.parent.id === parent.id;
  const issuerOk = child.issuer === parent.credentialSubject.id;
  ctx.check(
    linked && issuerOk,
    '7.2',
    'XP_CHAIN_BROKEN',
    !linked
      ? `the delegation does not name ${parent.id} as its parent`
      : issuerOk
        ? 'issued by the parent grant’s subject'
        : `issuer ${child.issuer} is not the parent grant’s subject ${parent.credentialSubject.id}`,
    child.id,
  );
  if (!linked) return;
  // 7.3
  const digest = ctx.digest(parent);
  ctx.check(
    child.parent!.digestMultibase === digest,
    '7.3',
    'XP_CHAIN_DIGEST',
    child.parent!.digestMultibase === digest ? 'parent digest matches' : 'the parent digest does not match the parent grant',
    child.id,
  );
  // 7.4
  const p = parent.credentialSubject.grant;
  const c = child.credentialSubject.grant;
  const extraActions = c.actions.filter((a) => !p.actions.includes(a));
  const extraResources = c.resources.filter((r) => !p.resources.some((pr) => patternCovers(pr, r)));
  const timeOk =
    seconds(child.validFrom) >= seconds(parent.validFrom) &&
    seconds(child.validUntil) <= seconds(parent.validUntil);
  const problems = [
    extraActions.length ? `actions ${extraActions.join(', ')}` : '',
    extraResources.length ? `resources ${extraResources.join(', ')}` : '',
    timeOk ? '' : 'a validity period outside the parent’s',
  ].filter(Boolean);
  ctx.check(
    problems.length === 0,
    '7.4',
    'XP_CHAIN_ESCALATION',
    problems.length === 0 ? 'attenuated: within the parent grant' : `grants more than its parent: ${problems.join('; ')}`,
    child.id,
  );
  // 7.5
  ctx.check(
    c.maxDelegationDepth < p.maxDelegationDepth,
    '7.5',
    'XP_CHAIN_DEPTH',
    c.maxDelegationDepth < p.maxDelegationDepth
      ? 'delegation depth decreases'
      : `depth ${c.maxDelegationDepth} is not below the parent’s ${p.maxDelegationDepth}`,
    child.id,
  );
}
