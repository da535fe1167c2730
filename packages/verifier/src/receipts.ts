/**
 * Which credential a receipt belongs to (spec/verification.md 2.5): by `credentialId`, and — when
 * several credentials of the bundle share that id (versions of one status list) — by the digest
 * in the receipt's logged `entry`. Receipts and entries are attacker-supplied.
 */
import { base64DecodeOrUndefined } from '@xprov/log-core';
import type { VerifyContext } from './context.js';
import type { Bundle, Credential, Receipt } from './types.js';

/** Ids carried by more than one credential of the bundle. */
export function sharedIds(bundle: Bundle): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const c of [...bundle.grants, bundle.permit, bundle.outcome, bundle.denial, ...bundle.statusLists]) {
    if (c === undefined) continue;
    if (seen.has(c.id)) shared.add(c.id);
    seen.add(c.id);
  }
  return shared;
}

/** The `digestMultibase` of a receipt's logged entry (base64 of JCS JSON), or undefined. */
export function entryDigest(receipt: Receipt): string | undefined {
  if (typeof receipt.entry !== 'string') return undefined;
  const bytes = base64DecodeOrUndefined(receipt.entry);
  if (!bytes) return undefined;
  try {
    const entry = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
    const d = typeof entry === 'object' && entry !== null ? (entry as { digestMultibase?: unknown }).digestMultibase : undefined;
    return typeof d === 'string' ? d : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `receipt` belongs to `credential` (2.5). */
export function belongsTo(ctx: VerifyContext, shared: ReadonlySet<string>, receipt: Receipt, credential: Credential): boolean {
  if (receipt.credentialId !== credential.id) return false;
  if (!shared.has(credential.id)) return true;
  return entryDigest(receipt) === ctx.digest(credential);
}
