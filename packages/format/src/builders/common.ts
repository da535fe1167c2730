/** Helpers shared by the builders (spec/credentials.md §1). */
import { digestMultibase } from '../digest.js';
import type { JcsMemo } from '../jcs.js';

/** A fresh `urn:uuid:` credential id (RFC 9562 v4, from the platform CSPRNG). */
export function newUrnUuid(): string {
  return `urn:uuid:${globalThis.crypto.randomUUID()}`;
}

/**
 * `{id, digestMultibase}` of a signed credential (or presentation): how xprov points at one
 * (DESIGN §2). `memo`: a JCS memo of the caller's scope, shared with its other digests.
 */
export function credentialRef(credential: { id?: string | undefined }, memo?: JcsMemo): { id: string; digestMultibase: string } {
  if (credential.id === undefined) throw new TypeError('credential has no id');
  return { id: credential.id, digestMultibase: digestMultibase(credential, memo) };
}

/** The values in first-seen order, duplicates dropped. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Copies `value` with the keys whose value is `undefined` removed (JCS refuses undefined). */
export function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
