/**
 * W3C Bitstring Status List v1.0: the governor's revocation lists. §3.1: at least 131,072 entries
 * (herd privacy), index 0 = most significant bit of byte 0, GZIP (MTIME 0, so byte-stable), then
 * multibase base64url without padding (`u…`). Every change is a new signed snapshot with
 * `validFrom` = the change time; each snapshot is logged so a verifier can judge revocation at
 * the time of execution (spec/governor.md §Revocation).
 */
import { gzipSync } from 'node:zlib';

export const STATUS_LIST_SIZE = 131_072;
/** The one list every root grant of this governor draws from (more lists: future work). */
export const DEFAULT_LIST_ID = 'revocation-1';

export function encodeBitstring(bits: Uint8Array): string {
  const gz = gzipSync(bits, { level: 9 });
  // node:zlib writes MTIME 0 and OS 255 (unknown) unless told otherwise: byte-stable output.
  return `u${Buffer.from(gz).toString('base64url')}`;
}

export function bitIsSet(bits: Uint8Array, index: number): boolean {
  const byte = bits[index >> 3];
  if (byte === undefined) return false;
  return (byte & (0x80 >> (index & 7))) !== 0;
}

export function statusListUrl(baseUrl: string, listId: string): string {
  return `${baseUrl.replace(/\/$/, '')}/status-lists/${encodeURIComponent(listId)}`;
}

/** The unsigned BitstringStatusListCredential (§2.2) for one snapshot of the list. */
export function buildStatusListCredential(o: {
  url: string;
  issuer: string;
  validFrom: string;
  bits: Uint8Array;
}): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: o.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: o.issuer,
    validFrom: o.validFrom,
    credentialSubject: {
      id: `${o.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodeBitstring(o.bits),
    },
  };
}
