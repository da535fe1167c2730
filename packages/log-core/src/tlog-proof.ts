/**
 * C2SP tlog-proof (https://c2sp.org/tlog-proof): the self-contained text receipt
 * `c2sp.org/tlog-proof@v1`, optional `extra <base64>`, `index <n>`, inclusion proof lines,
 * a blank line, then the signed checkpoint verbatim. The text is untrusted input.
 */
import { XprovError } from '@xprov/format';
import { base64DecodeOrUndefined, base64Encode, isSafeIndex, parseDecimal } from './bytes.js';
import { HASH_SIZE, type Hash } from './rfc9162.js';

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

export interface TlogProof {
  extra?: Uint8Array;
  index: number;
  inclusionProof: Hash[];
  /** The signed checkpoint note, verbatim. */
  checkpoint: string;
}

function bad(why: string): never {
  throw new XprovError('XP_TLOG_PROOF_MALFORMED', `malformed tlog-proof: ${why}`);
}

export function formatTlogProof(p: TlogProof): string {
  if (!isSafeIndex(p.index)) bad('index must be a non-negative integer');
  for (const h of p.inclusionProof) if (h.length !== HASH_SIZE) bad('proof hash must be 32 bytes');
  const extra = p.extra === undefined ? '' : `extra ${base64Encode(p.extra)}\n`;
  const proof = p.inclusionProof.map((h) => `${base64Encode(h)}\n`).join('');
  return `${TLOG_PROOF_HEADER}\n${extra}index ${p.index}\n${proof}\n${p.checkpoint}`;
}

export function parseTlogProof(text: string): TlogProof {
  if (typeof text !== 'string') bad('not text');
  const blank = text.indexOf('\n\n');
  if (blank < 0) bad('no blank line before the checkpoint');
  const lines = text.slice(0, blank).split('\n');
  const checkpoint = text.slice(blank + 2);
  if (lines.shift() !== TLOG_PROOF_HEADER) bad(`first line must be ${TLOG_PROOF_HEADER}`);
  let extra: Uint8Array | undefined;
  if (lines[0]?.startsWith('extra ')) {
    extra = base64DecodeOrUndefined(lines.shift()!.slice(6));
    if (!extra) bad('extra is not base64');
  }
  const m = /^index (0|[1-9][0-9]*)$/.exec(lines.shift() ?? '');
  const index = m ? parseDecimal(m[1]!) : undefined;
  if (index === undefined) bad('expected "index <n>"');
  if (lines.length > 63) bad('more than 63 proof lines');
  const inclusionProof = lines.map((l) => {
    const h = base64DecodeOrUndefined(l);
    if (!h || h.length !== HASH_SIZE) bad('proof line is not a base64 SHA-256 hash');
    return h;
  });
  if (checkpoint.length === 0) bad('missing checkpoint');
  return { ...(extra ? { extra } : {}), index: index!, inclusionProof, checkpoint };
}
