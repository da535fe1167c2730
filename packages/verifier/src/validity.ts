/**
 * Step 8: validity windows judged at the execution time T (not now), with the trust file's clock
 * skew. A grant that expired after a valid execution still verifies.
 */
import type { VerifyContext } from './context.js';
import { iso, notAfter, seconds } from './time.js';
import type { Credential } from './types.js';

export function checkValidityAt(ctx: VerifyContext, credential: Credential, step: string): void {
  const T = ctx.executionTime;
  const from = seconds(credential.validFrom);
  ctx.check(notAfter(from, T, ctx.skew), step, 'XP_NOT_YET_VALID', notAfter(from, T, ctx.skew) ? `valid from ${credential.validFrom}` : `not valid until ${credential.validFrom}, used at ${iso(T)}`, credential.id);
  if (credential.validUntil === undefined) return;
  const until = seconds(credential.validUntil);
  ctx.check(notAfter(T, until, ctx.skew), step, 'XP_EXPIRED', notAfter(T, until, ctx.skew) ? `valid until ${credential.validUntil}` : `expired at ${credential.validUntil}, used at ${iso(T)}`, credential.id);
}

export function checkValidity(ctx: VerifyContext): void {
  for (const g of ctx.bundle.grants) checkValidityAt(ctx, g, '8.1');
  if (ctx.bundle.permit) checkValidityAt(ctx, ctx.bundle.permit, '8.2');
}
