/**
 * Bundles whose receipts come as RFC 9942 COSE receipts (`coseReceipts`, spec/bundle.md rule 5,
 * verification.md 2.6) export exactly like the same bundle with JSON receipts: the vectors
 * valid-cose-receipts and valid-delegation-2 differ only in the form of their receipts.
 */
import { describe, expect, it } from 'vitest';
import { exportScitt, exportSigstore, readProvenanceBundle, receiptFromCose, verifyScittReceipt, verifySigstoreExport } from '../src/index.js';
import { clone, governor, loadVector, logKeyOf } from './fixtures.js';

const cose = loadVector('valid-cose-receipts');
const json = loadVector('valid-delegation-2');

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('bundles with coseReceipts', () => {
  it('are the same bundle as with JSON receipts once read (the verifier converts them)', () => {
    expect(cose.bundle.receipts).toEqual([]);
    expect((cose.bundle.coseReceipts as unknown[]).length).toBe(json.bundle.receipts.length);
    const read = readProvenanceBundle(cose.bundle);
    expect(read.receipts).toEqual(json.bundle.receipts);
    expect('coseReceipts' in read).toBe(false);
    // interop's own reader of one receipt (receiptFromCose) reads each as the verifier does.
    for (const [i, c] of (cose.bundle.coseReceipts as { credentialId: string; cose: string }[]).entries()) {
      expect(receiptFromCose(Buffer.from(c.cose, 'base64'), c.credentialId)).toEqual(read.receipts[i]);
    }
  });

  it('give the same Sigstore Statement, whose predicate lists every receipt, and it verifies against either', async () => {
    const a = await exportSigstore(cose.bundle, { keyPair: governor, trust: cose.trust });
    const b = await exportSigstore(json.bundle, { keyPair: governor, trust: json.trust });
    expect(a.statement.predicate.log.map((r) => r.credentialId)).toEqual(json.bundle.receipts.map((r) => r.credentialId));
    expect(a.statement).toEqual(b.statement);
    expect(a.bundle).toEqual(b.bundle);
    for (const provenance of [cose.bundle, json.bundle]) {
      const r = await verifySigstoreExport(a.bundle, cose.trust, provenance);
      expect(r.checks.filter((c) => !c.ok)).toEqual([]);
      expect(r.verdict).toBe('valid');
    }
  });

  it('give the same SCITT export, one entry per receipt, each receipt verifying', async () => {
    const logKey = logKeyOf(cose);
    const a = await exportScitt(cose.bundle, { keyPair: governor, logKey, trust: cose.trust });
    const b = await exportScitt(json.bundle, { keyPair: governor, logKey, trust: json.trust });
    expect(a.length).toBe(json.bundle.receipts.length);
    expect(a).toEqual(b);
    const b0 = cose.bundle as unknown as { grants: { id: string }[]; permit: { id: string }; outcome: { id: string }; statusLists: { id: string }[] };
    const credentials = [...b0.grants, b0.permit, b0.outcome, ...b0.statusLists];
    const carried = cose.bundle.coseReceipts as { credentialId: string; cose: string }[];
    for (const [i, e] of a.entries()) {
      const credential = credentials.find((c) => c.id === e.credentialId);
      expect(verifyScittReceipt(e.receipt, credential, cose.trust).checkpointVerified).toBe(true);
      // Re-issued with the same log key, the receipt is byte for byte the one the bundle carried.
      expect(carried[i]?.credentialId).toBe(e.credentialId);
      expect(Buffer.from(e.receipt).toString('base64')).toBe(carried[i]?.cose);
    }
  });

  it('a COSE receipt that does not decode makes the bundle XP_MALFORMED, also when exported without a trust file', async () => {
    const bad = loadVector('malformed-cose-receipt');
    expect(await codeOf(exportSigstore(bad.bundle, { keyPair: governor }))).toBe('XP_MALFORMED');
    expect(await codeOf(exportScitt(bad.bundle, { keyPair: governor, logKey: logKeyOf(bad) }))).toBe('XP_MALFORMED');
    const notBase64 = clone(cose.bundle) as unknown as { coseReceipts: { cose: string }[] };
    (notBase64.coseReceipts[0] as { cose: string }).cose = '!!';
    expect(() => readProvenanceBundle(notBase64)).toThrow(expect.objectContaining({ code: 'XP_MALFORMED' }));
  });
});
