/**
 * Steps 1 and 2: the trust file and the bundle's structure, via the @xprov/format schemas (the one
 * source of truth). Both parsers throw XP_MALFORMED on bad input; here that becomes a check.
 */
import { isXprovError, parseBundle, parseTrustFile } from '@xprov/format';
import type { Bundle, Trust } from './types.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function message(e: unknown): string {
  return isXprovError(e) || e instanceof Error ? e.message : String(e);
}

/** 1.1: the trust file (the operator's own input). */
export function readTrust(input: unknown): Parsed<Trust> {
  try {
    return { ok: true, value: parseTrustFile(input) as unknown as Trust };
  } catch (e) {
    return { ok: false, message: message(e) };
  }
}

/** 2.1–2.2: the bundle (attacker-supplied), with absent optional lists normalized to empty. */
export function readBundle(input: unknown): Parsed<Bundle> {
  try {
    const b = parseBundle(input) as unknown as Partial<Bundle>;
    const bundle = { ...b, checkpoints: b.checkpoints ?? [], consistencyProofs: b.consistencyProofs ?? [] } as Bundle;
    return { ok: true, value: bundle };
  } catch (e) {
    return { ok: false, message: message(e) };
  }
}
