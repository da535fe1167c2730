/**
 * SCITT export (spec/scitt.md §1): every logged credential of a ProvenanceBundle as a signed
 * statement, its COSE receipt, and the two joined as a Transparent Statement. The bundle is
 * verified first when a trust file is given (`XP_EXPORT_REFUSED` with the verifier's codes).
 */
import type { Ed25519KeyPair } from '@xprov/crypto';
import { XprovError } from '@xprov/format';
import type { NoteKey } from '@xprov/log-core';
import { failingCodes, verifyBundle, type VerifyOptions } from '@xprov/verifier';
import { INTEROP_CODES } from './codes.js';
import { readProvenanceBundle } from './provenance-bundle.js';
import { coseReceiptFromJson } from './scitt-receipt.js';
import { signStatement, withReceipts } from './scitt-statement.js';

export interface ScittExportOptions {
  /** The governor's key: signs the statements. */
  keyPair: Ed25519KeyPair;
  /** The log's note key: signs the receipts (only the log operator can export receipts). */
  logKey: NoteKey;
  trust?: unknown;
  verifyOptions?: VerifyOptions;
}

export interface ScittEntry {
  credentialId: string;
  /** The credential type other than VerifiableCredential. */
  type: string;
  role: 'grant' | 'permit' | 'outcome' | 'denial' | 'status';
  statement: Uint8Array;
  receipt: Uint8Array;
  /** The statement with the receipt in its unprotected header (label 394). */
  transparentStatement: Uint8Array;
}

type AnyCredential = { id: string; type: string[] };

export async function exportScitt(provenanceBundle: unknown, options: ScittExportOptions): Promise<ScittEntry[]> {
  if (options.trust !== undefined) {
    const result = await verifyBundle(provenanceBundle, options.trust, options.verifyOptions);
    if (result.verdict !== 'valid') {
      throw new XprovError(INTEROP_CODES.EXPORT_REFUSED, `the bundle is ${result.verdict}; only valid bundles are exported`, {
        details: { verdict: result.verdict, codes: failingCodes(result) },
      });
    }
  }
  // Receipts in the COSE form are read as the verifier reads them (2.6) and exported like the rest.
  const bundle = readProvenanceBundle(provenanceBundle);
  const credentials = new Map<string, { credential: AnyCredential; role: ScittEntry['role'] }>();
  for (const g of bundle.grants) credentials.set(g.id, { credential: g, role: 'grant' });
  if (bundle.permit) credentials.set(bundle.permit.id, { credential: bundle.permit, role: 'permit' });
  if (bundle.outcome) credentials.set(bundle.outcome.id, { credential: bundle.outcome, role: 'outcome' });
  if (bundle.denial) credentials.set(bundle.denial.id, { credential: bundle.denial, role: 'denial' });
  for (const s of bundle.statusLists) credentials.set(s.id, { credential: s as AnyCredential, role: 'status' });
  return bundle.receipts.map((r) => {
    const found = credentials.get(r.credentialId);
    if (!found) throw new XprovError(INTEROP_CODES.EXPORT_REFUSED, `receipt for unknown credential ${r.credentialId}`);
    const receipt = coseReceiptFromJson(r, found.credential, options.logKey);
    const statement = signStatement(found.credential, options.keyPair);
    return {
      credentialId: r.credentialId,
      type: found.credential.type.find((t) => t !== 'VerifiableCredential') ?? 'VerifiableCredential',
      role: found.role,
      statement,
      receipt,
      transparentStatement: withReceipts(statement, [receipt]),
    };
  });
}
