/**
 * Step 10: the permit — issued by a trusted governor, for exactly this chain and agent, and for a
 * request inside the leaf grant. The permit is attacker-controlled until its proof (6.1) holds;
 * these checks bind it to the chain.
 */
import type { VerifyContext } from './context.js';
import { resourceMatches } from './patterns.js';
import type { PermitCredential } from './types.js';

export function checkPermitIssuer(ctx: VerifyContext, permit: PermitCredential, step = '10.1'): void {
  const trusted = ctx.trust.governors.includes(permit.issuer);
  ctx.check(trusted, step, 'XP_PERMIT_UNTRUSTED', trusted ? `issued by trusted governor ${permit.issuer}` : `issuer ${permit.issuer} is not a trusted governor`, permit.id);
}

export function checkPermit(ctx: VerifyContext): void {
  const permit = ctx.bundle.permit;
  if (!permit) return;
  checkPermitIssuer(ctx, permit);
  const grants = ctx.bundle.grants;
  const leaf = grants[grants.length - 1];
  const subject = permit.credentialSubject;
  // 10.2
  const auth = subject.authorization;
  const sameChain =
    auth.length === grants.length &&
    auth.every((ref, i) => ref.id === grants[i]!.id && ref.digestMultibase === ctx.digest(grants[i]!));
  const sameAgent = leaf !== undefined && subject.id === leaf.credentialSubject.id;
  ctx.check(
    sameChain && sameAgent,
    '10.2',
    'XP_PERMIT_CHAIN_MISMATCH',
    !sameChain ? 'the permit’s authorization list is not this chain' : sameAgent ? 'authorized by exactly this chain' : `the permit is for ${subject.id}, not the chain’s agent`,
    permit.id,
  );
  // 10.3
  if (!leaf) return;
  const g = leaf.credentialSubject.grant;
  const { action, resource } = subject.request;
  const inScope = g.actions.includes(action) && g.resources.some((p) => resourceMatches(p, resource));
  ctx.check(inScope, '10.3', 'XP_PERMIT_SCOPE', inScope ? `${action} on ${resource} is within the leaf grant` : `${action} on ${resource} lies outside the leaf grant`, permit.id);
}
