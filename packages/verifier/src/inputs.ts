/**
 * Steps 1 and 2: the trust file and the bundle's structure, via the @xprov/format schemas (the one
 * source of truth). Both parsers throw XP_MALFORMED on bad input; here that becomes a check.
 */
import { isXprovError, parseBundle, parseTrustFile, parseWith } from '@xprov/format';
import { BundleWithoutCarriedChain, carriesSameChain } from './carried.js';
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

const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_ENTRY_CHARS = 87_384; // base64 of 65,536 bytes, the log's entry limit

/**
 * spec/verification.md 13.5: a receipt MAY carry the logged entry bytes (`entry`, base64). The
 * @xprov/format Receipt schema does not list it yet, so it is validated here, set aside while the
 * rest is parsed, and put back. Anything else unknown is still rejected by the schema.
 */
function setAsideEntries(input: unknown): { input: unknown; entries: Map<number, string> } {
  const entries = new Map<number, string>();
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { input, entries };
  const receipts = (input as { receipts?: unknown }).receipts;
  if (!Array.isArray(receipts) || !receipts.some((r) => typeof r === 'object' && r !== null && Object.hasOwn(r, 'entry'))) return { input, entries };
  const stripped = receipts.map((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r) || !Object.hasOwn(r, 'entry')) return r;
    const { entry, ...rest } = r as Record<string, unknown>;
    if (typeof entry !== 'string' || entry.length === 0 || entry.length > MAX_ENTRY_CHARS || !CANONICAL_BASE64.test(entry)) return { ...rest, entry };
    entries.set(i, entry);
    return rest;
  });
  return { input: { ...(input as object), receipts: stripped }, entries };
}

/** 2.1–2.2: the bundle (attacker-supplied), with absent optional lists normalized to empty. */
export function readBundle(input: unknown): Parsed<Bundle> {
  try {
    const aside = setAsideEntries(input);
    // The carried chain, when identical to `grants`, is checked once, as `grants` (carried.ts).
    const once = carriesSameChain(aside.input);
    const b = (once ? parseWith(BundleWithoutCarriedChain, aside.input, 'ProvenanceBundle') : parseBundle(aside.input)) as unknown as Partial<Bundle>;
    if (once && b.presentations?.request && b.grants) b.presentations.request.verifiableCredential = [...b.grants];
    const receipts = (b.receipts ?? []).map((r, i) => {
      const entry = aside.entries.get(i);
      return entry === undefined ? r : { ...r, entry };
    });
    const bundle = { ...b, receipts, checkpoints: b.checkpoints ?? [], consistencyProofs: b.consistencyProofs ?? [] } as Bundle;
    return { ok: true, value: bundle };
  } catch (e) {
    return { ok: false, message: message(e) };
  }
}
