/**
 * Steps 1 and 2: the trust file and the bundle's structure, via the @xprov/format schemas (the one
 * source of truth). Both parsers throw XP_MALFORMED on bad input; here that becomes a check.
 */
import { type CoseReceiptRef, XprovError, isXprovError, parseBundle, parseTrustFile, parseWith } from '@xprov/format';
import { BundleWithoutCarriedChain, carriesSameChain, sameJson, withGrantsCarried } from './carried.js';
import { receiptFromCoseBase64 } from './cose-receipt.js';
import { plainJsonProblem } from './plain-json.js';
import type { Bundle, Receipt, Trust } from './types.js';

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

/**
 * 2.6: receipts in the COSE form (`bundle.coseReceipts`) become JSON receipts appended to
 * `receipts` (verified at §13 like any other). One that does not decode makes the bundle malformed.
 */
function convertCoseReceipts(b: Partial<Bundle> & { coseReceipts?: CoseReceiptRef[] }): Receipt[] {
  const converted = (b.coseReceipts ?? []).map(({ credentialId, cose, entry }) => {
    try {
      return receiptFromCoseBase64(credentialId, cose, entry);
    } catch (e) {
      throw new XprovError('XP_MALFORMED', `COSE receipt for ${credentialId}: ${(e as Error).message}`);
    }
  });
  return [...(b.receipts ?? []), ...converted];
}

/** 2.1–2.2: the bundle (attacker-supplied), with absent optional lists normalized to empty. */
export function readBundle(input: unknown): Parsed<Bundle> {
  // 2.1: plain JSON first, so that the parsed value is, member for member, the input.
  const problem = plainJsonProblem(input);
  if (problem !== undefined) return { ok: false, message: `not plain JSON: ${problem}` };
  return readPlainBundle(input);
}

/**
 * `readBundle` for an input already known to be plain JSON (2.1's first rule). With `view`, a
 * read-only view of that same input (verify.ts builds it to start the proof checks before this
 * schema check), the bundle returned is made of the view's objects once the input passed: the
 * schema's output equals the input member for member (checked below), so which copy later steps
 * read makes no difference to any result; the input is never modified.
 */
export function readPlainBundle(input: unknown, view?: Partial<Bundle>): Parsed<Bundle> {
  try {
    // The carried chain, when identical to `grants`, is checked once, as `grants` (carried.ts).
    const once = carriesSameChain(input);
    const parsed = (once ? parseWith(BundleWithoutCarriedChain, input, 'ProvenanceBundle') : parseBundle(input)) as unknown as Partial<Bundle>;
    // Defence in depth (2.1): signatures and digests are computed over the parsed value, so it
    // must be the input, member for member — a schema that stripped, coerced or defaulted anything
    // would make the verifier check something other than what was signed. (Under `once` the
    // carried list is the input's own, identical to `grants`.)
    if (!sameJson(parsed, input)) return { ok: false, message: 'the parsed bundle differs from the input (a member was dropped, added or changed)' };
    let b = view ?? (once ? withGrantsCarried(parsed) : parsed);
    const receipts = convertCoseReceipts(b);
    const { coseReceipts: _cose, ...rest } = b as Partial<Bundle> & { coseReceipts?: unknown };
    b = rest;
    const bundle = { ...b, receipts, checkpoints: b.checkpoints ?? [], consistencyProofs: b.consistencyProofs ?? [] } as Bundle;
    return { ok: true, value: bundle };
  } catch (e) {
    return { ok: false, message: message(e) };
  }
}
