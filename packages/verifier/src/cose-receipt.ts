/**
 * Step 2.6 (spec/verification.md, spec/log-entry.md §4): a receipt given as an RFC 9942 COSE
 * Receipt — `{credentialId, cose: base64, entry?}` — becomes the JSON receipt it stands for. The
 * COSE bytes are attacker-supplied; nothing here is trusted: the converted receipt's checkpoint
 * signature and inclusion proof are verified at §13 like any other receipt's. Reading is
 * @xprov/log-core's (`logReceiptFromCose`, the structural rules of spec/scitt.md §3.6).
 */
import { XprovError, isXprovError } from '@xprov/format';
import { base64DecodeOrUndefined, logReceiptFromCose } from '@xprov/log-core';
import type { Receipt } from './types.js';

/** A COSE receipt that does not decode (`XP_COSE_MALFORMED`); 2.6 makes the bundle `XP_MALFORMED`. */
export class CoseReceiptError extends XprovError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('XP_COSE_MALFORMED', message, options);
    this.name = 'CoseReceiptError';
  }
}

/** The JSON receipt a COSE receipt (base64) stands for; throws CoseReceiptError. */
export function receiptFromCoseBase64(credentialId: string, cose: string, entry?: string): Receipt {
  const bytes = base64DecodeOrUndefined(cose);
  if (!bytes) throw new CoseReceiptError('COSE receipt: not base64');
  try {
    return { credentialId, ...logReceiptFromCose(bytes), ...(entry === undefined ? {} : { entry }) };
  } catch (e) {
    if (isXprovError(e) && e.code === 'XP_COSE_MALFORMED') throw new CoseReceiptError(e.message, { cause: e });
    throw e;
  }
}
