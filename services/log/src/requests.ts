/** Parsing of attacker-controlled request parts: query parameters and the add-batch body. */
import { XprovError } from '@xprov/format';
import { MAX_BATCH_ENTRIES, MAX_ENTRY_BYTES } from './limits.js';

/** A non-negative decimal integer without leading zeroes, or `XP_QUERY_INVALID`. */
export function parseSize(v: string | undefined, name: string): number {
  if (v === undefined || !/^(0|[1-9][0-9]{0,15})$/.test(v) || !Number.isSafeInteger(Number(v))) {
    throw new XprovError('XP_QUERY_INVALID', `query parameter ${name} must be a non-negative integer`);
  }
  return Number(v);
}

/** `?wait=receipt` waits for integration; absent means answer once sequenced. */
export function parseWait(v: string | undefined): 'receipt' | undefined {
  if (v === undefined) return undefined;
  if (v === 'receipt') return 'receipt';
  throw new XprovError('XP_QUERY_INVALID', 'wait must be "receipt"');
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `{"entries": ["<base64>", …]}` with 1..MAX_BATCH_ENTRIES entries of 1..MAX_ENTRY_BYTES bytes. */
export function parseBatchBody(body: string): Uint8Array[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new XprovError('XP_BATCH_MALFORMED', 'body is not JSON');
  }
  const list = (json as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCH_ENTRIES) {
    throw new XprovError('XP_BATCH_MALFORMED', `entries must be an array of 1..${MAX_BATCH_ENTRIES} base64 strings`);
  }
  return list.map((s, i) => {
    if (typeof s !== 'string' || !BASE64.test(s)) throw new XprovError('XP_BATCH_MALFORMED', `entries[${i}] is not base64`);
    const b = Buffer.from(s, 'base64');
    if (b.length === 0) throw new XprovError('XP_ENTRY_EMPTY', `entries[${i}] is empty`);
    if (b.length > MAX_ENTRY_BYTES) throw new XprovError('XP_ENTRY_TOO_LARGE', `entries[${i}] is too large`);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  });
}
