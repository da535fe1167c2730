/**
 * Step 9: revocation at the execution time, from the Bitstring Status List credentials carried in
 * the bundle (W3C Bitstring Status List v1.0). The lists, their indexes and encodings are
 * attacker-controlled; every decoding failure is XP_STATUS_UNKNOWN, never "not revoked".
 */
import { gunzipSync } from 'fflate';
import type { VerifyContext } from './context.js';
import { seconds } from './time.js';
import type { GrantCredential, StatusListCredential } from './types.js';

const STEP = '9.1';

/** Multibase base64url without padding (`u…`) → bytes; throws on anything else. */
export function decodeMultibaseBase64url(text: string): Uint8Array {
  if (!text.startsWith('u')) throw new Error('encodedList is not multibase base64url (u…)');
  const body = text.slice(1);
  if (!/^[A-Za-z0-9_-]*$/.test(body) || body.length % 4 === 1) throw new Error('encodedList is not base64url');
  const b64 = body.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (body.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Upper bound on a decompressed list (16 MiB, 134M entries): a gzip bomb is XP_STATUS_UNKNOWN. */
const MAX_LIST_BYTES = 16 * 1024 * 1024;

/** Decodes `encodedList` (GZIP'd bitstring) to its bytes. */
export function decodeBitstring(encodedList: string): Uint8Array {
  const gz = decodeMultibaseBase64url(encodedList);
  // The ISIZE trailer is attacker-controlled but bounds what fflate allocates up front.
  if (gz.length < 18) throw new Error('encodedList is not GZIP');
  const isize = (gz[gz.length - 4]! | (gz[gz.length - 3]! << 8) | (gz[gz.length - 2]! << 16) | (gz[gz.length - 1]! << 24)) >>> 0;
  if (isize > MAX_LIST_BYTES) throw new Error('status list too large');
  const bits = gunzipSync(gz);
  if (bits.length > MAX_LIST_BYTES) throw new Error('status list too large');
  return bits;
}

/** Bit `index` of a bitstring: index 0 is the left-most (most significant) bit of byte 0. Exact for
 * every safe integer (no 32-bit `>>`/`&`, which wrap at 2^32); RangeError beyond the list. */
export function bitAt(bits: Uint8Array, index: number): boolean {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8) throw new RangeError('statusListIndex beyond the list');
  const byte = bits[Math.floor(index / 8)]!;
  return (byte & (0x80 >>> (index % 8))) !== 0;
}

type ListBit = { list: StatusListCredential; from: number; bit: boolean };

/**
 * Decoded lists by their `encodedList` text (content, never identity): grants of one verification
 * share a list, and a governor's list recurs across the bundles of its executions. Bounded by
 * count and decoded bytes; only successful decodes are kept, and the bytes are only ever read.
 */
class ListCache {
  static readonly MAX_LISTS = 32;
  static readonly MAX_BYTES = 2 * MAX_LIST_BYTES;
  readonly #lists = new Map<string, Uint8Array>();
  #bytes = 0;

  get(encoded: string): Uint8Array {
    const hit = this.#lists.get(encoded);
    if (hit) return hit;
    const bits = decodeBitstring(encoded);
    while (this.#lists.size > 0 && (this.#lists.size >= ListCache.MAX_LISTS || this.#bytes + bits.length > ListCache.MAX_BYTES)) {
      const [oldest, old] = this.#lists.entries().next().value as [string, Uint8Array];
      this.#lists.delete(oldest);
      this.#bytes -= old.length;
    }
    if (bits.length <= ListCache.MAX_BYTES) {
      this.#lists.set(encoded, bits);
      this.#bytes += bits.length;
    }
    return bits;
  }
}

const decodedLists = new ListCache();

function readBit(list: StatusListCredential, index: number, cache: ListCache): boolean {
  const size = list.credentialSubject.statusSize;
  if (size !== undefined && size !== 1) throw new Error('statusSize other than 1');
  return bitAt(cache.get(list.credentialSubject.encodedList), index);
}

/** The DID of a status list's issuer (`issuer` or `issuer.id`, spec/verification.md 6.1). */
export function listIssuer(list: StatusListCredential): string {
  const i = list.issuer as unknown;
  if (typeof i === 'string') return i;
  return typeof i === 'object' && i !== null && typeof (i as { id?: unknown }).id === 'string' ? (i as { id: string }).id : '';
}

function isRevocationList(list: StatusListCredential): boolean {
  const p = list.credentialSubject.statusPurpose as unknown;
  return p === 'revocation' || (Array.isArray(p) && p.includes('revocation'));
}

/**
 * 9.1 for every grant with a revocation entry. `accepted(list)` says whether this list *object*
 * verified at 6.1 and has a receipt that passed 13.2–13.6 (9.1 d, e). Lists, indexes and
 * encodings are attacker-controlled.
 */
export function checkRevocation(ctx: VerifyContext, accepted: (list: StatusListCredential) => boolean, logFailed: (list: StatusListCredential) => boolean = () => false): void {
  const T = ctx.executionTime;
  const { governors, authorities } = ctx.trust;
  for (const grant of ctx.bundle.grants) {
    const entry = grant.credentialStatus;
    if (entry?.type !== 'BitstringStatusListEntry' || entry.statusPurpose !== 'revocation') continue;
    // 9.1 c: a trusted governor, or the grant's own issuer when it is a trusted authority.
    const mayIssue = (did: string) => governors.includes(did) || (did === grant.issuer && authorities.includes(did));
    const eligible = ctx.bundle.statusLists.filter((l) => l.id === entry.statusListCredential && isRevocationList(l) && mayIssue(listIssuer(l)));
    const candidates = eligible.filter(accepted);
    // Skipped (one defect, one code): no candidate only because a list's receipt failed a log
    // check, which §13 reported and which already makes the bundle invalid.
    if (candidates.length === 0 && eligible.some(logFailed)) continue;
    verdictFor(ctx, grant, candidates, Number(entry.statusListIndex), T, decodedLists);
  }
}

function verdictFor(ctx: VerifyContext, grant: GrantCredential, candidates: StatusListCredential[], index: number, T: number, cache: ListCache): void {
  if (candidates.length === 0) {
    ctx.fail(STEP, 'XP_STATUS_UNKNOWN', 'no logged, verified revocation list by a trusted issuer for this grant is in the bundle', grant.id);
    return;
  }
  const read: ListBit[] = [];
  let why = '';
  for (const list of candidates) {
    try {
      read.push({ list, from: list.validFrom === undefined ? Number.NEGATIVE_INFINITY : seconds(list.validFrom), bit: readBit(list, index, cache) });
    } catch (e) {
      why = (e as Error).message; // this version is unusable; the others may still decide
    }
  }
  if (read.length === 0) {
    ctx.fail(STEP, 'XP_STATUS_UNKNOWN', `status list unusable: ${why}`, grant.id);
    return;
  }
  // Monotonic: a bit set in any version in effect at or before T (+ skew) revokes, whatever later
  // versions say.
  if (read.some((r) => r.bit && r.from <= T + ctx.skew)) {
    ctx.fail(STEP, 'XP_REVOKED', 'the grant was revoked at the time of execution', grant.id);
    return;
  }
  // A clear bit in a version in effect at T, or in a later one (revocation is irreversible).
  if (read.some((r) => !r.bit)) ctx.pass(STEP, 'XP_REVOKED', 'not revoked at the time of execution', grant.id);
  else ctx.fail(STEP, 'XP_STATUS_UNKNOWN', 'only later status lists, revoked: status at the time of execution unknown', grant.id);
}
