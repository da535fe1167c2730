/**
 * Step 13: the log (DESIGN §3, spec/verification.md §13). Receipts, checkpoints, cosignatures and
 * proofs are attacker-supplied; only the trust file's log and witness keys anchor them.
 */
import { ed25519Backend } from '@xprov/crypto';
import { jcsBytes } from '@xprov/format';
import {
  type Ed25519Verify,
  type NoteVerifier,
  cosignatureTimestamp,
  openNote,
  parseCheckpoint,
  parseCosignatureVerifierKey,
  parseVerifierKey,
  leafHash,
  verifyConsistency,
  verifyInclusion,
  base64DecodeOrUndefined,
  base64Encode,
  bytesEqual,
} from '@xprov/log-core';
import type { VerifyContext } from './context.js';
import { issuerId } from './proofs.js';
import { belongsTo, sharedIds } from './receipts.js';
import type { Credential, Receipt } from './types.js';

export interface LoggedCredential {
  credential: Credential;
  /** Whether a missing receipt is a failure (13.1). */
  required: boolean;
  role: 'grant' | 'permit' | 'outcome' | 'denial' | 'status';
}

interface OpenedCheckpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Trusted witness cosignature times (POSIX seconds). */
  witnessTimes: number[];
  witnessOk: boolean;
  witnessMessage: string;
}

type CheckpointResult = { ok: true; cp: OpenedCheckpoint } | { ok: false; message: string };

/** DESIGN §3 log entry: `{v:1, type, id, digestMultibase, issuer, subject}` as JCS bytes. */
export function logEntryBytes(credential: Credential, digest: string): Uint8Array {
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  const type = types.find((t) => t !== 'VerifiableCredential') ?? 'VerifiableCredential';
  const subject = (credential.credentialSubject as { id?: unknown } | undefined)?.id;
  return jcsBytes({
    v: 1,
    type,
    id: credential.id,
    digestMultibase: digest,
    issuer: issuerId(credential.issuer),
    subject: typeof subject === 'string' ? subject : credential.id,
  });
}

/**
 * The canonical base64 of 32 bytes: 42 characters, then one whose 2 low bits (beyond the 256th
 * bit) are zero, then one `=`. Exactly the strings `s` whose decoding is 32 bytes that encode back
 * to `s` (test/log-hashes.test.ts checks it against that definition).
 */
const CANONICAL_HASH = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/** Inclusion and consistency proof hashes (attacker-supplied): 32 bytes each, canonical base64 only. */
export function decodeHashes(list: string[]): Uint8Array[] | undefined {
  const out: Uint8Array[] = [];
  for (const s of list) {
    // Canonical encodings only: one hash, one spelling (non-zero trailing bits are refused).
    const h = typeof s === 'string' && CANONICAL_HASH.test(s) ? base64DecodeOrUndefined(s) : undefined;
    if (h?.length !== 32) return undefined;
    out.push(h);
  }
  return out;
}

/** log-core's verify takes (sig, msg, pub); default to @xprov/crypto's backend (node:crypto when present). */
function adaptVerify(injected: VerifyContext['options']['verifyEd25519']): Ed25519Verify {
  const v = injected ?? ((pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) => ed25519Backend().verify(pub, msg, sig));
  return (sig, msg, pub) => {
    try {
      return v(pub, msg, sig);
    } catch {
      return false;
    }
  };
}

/**
 * Whether every signature line of a signed note is canonical base64 (13.3): one spelling per
 * note. Go's base64.StdEncoding accepts non-zero unused trailing bits; xprov does not.
 */
export function signaturesCanonical(note: string): boolean {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return true; // not a note: openNote reports it
  for (const line of note.slice(split + 2).split('\n')) {
    if (line === '') continue;
    const b64 = line.slice(line.lastIndexOf(' ') + 1);
    const bytes = base64DecodeOrUndefined(b64);
    if (bytes && base64Encode(bytes) !== b64) return false;
  }
  return true;
}

/**
 * §13 for `logged`. Returns the accepted receipt per credential id (for 13.7 and reports) and adds
 * every credential *object* whose receipt passed 13.2–13.6 to `accepted` (status-list versions
 * share an id, 9.1 e), and those whose receipt failed one of them (reported here) to `rejected`.
 */
export function checkLog(
  ctx: VerifyContext,
  logged: LoggedCredential[],
  T: { permitId?: string; outcomeId?: string; outcomeCompleted?: number },
  accepted: Set<object> = new Set(),
  rejected: Set<object> = new Set(),
): Map<string, Receipt> {
  const trust = ctx.trust;
  const verify = adaptVerify(ctx.options.verifyEd25519);
  const logKeys = new Map<string, NoteVerifier>();
  for (const l of trust.logs) {
    try {
      logKeys.set(l.origin, parseVerifierKey(l.vkey, { verify }));
    } catch {
      // an unusable trusted key: its receipts fail 13.3
    }
  }
  const witnessKeys: NoteVerifier[] = [];
  for (const k of trust.witnesses.keys) {
    try {
      witnessKeys.push(parseCosignatureVerifierKey(k, { verify }));
    } catch {
      // an unusable witness key counts for nothing
    }
  }
  const cache = new Map<string, CheckpointResult>();
  const openCheckpoint = (origin: string, note: string): CheckpointResult => {
    const key = `${origin}\n${note}`;
    let hit = cache.get(key);
    if (hit) return hit;
    hit = openCheckpointUncached(origin, note, logKeys.get(origin), witnessKeys, trust.witnesses.threshold);
    cache.set(key, hit);
    return hit;
  };

  const good = new Map<string, Receipt>();
  const checkpoints: { origin: string; cp: OpenedCheckpoint }[] = [];
  const byId = new Map<string, Receipt[]>();
  for (const r of ctx.bundle.receipts) {
    const list = byId.get(r.credentialId) ?? [];
    list.push(r);
    byId.set(r.credentialId, list);
  }
  const shared = sharedIds(ctx.bundle);
  const witnessReported = new Set<string>();
  for (const item of logged) {
    const c = item.credential;
    const receipts = (byId.get(c.id) ?? []).filter((r) => belongsTo(ctx, shared, r, c));
    // 13.1
    if (item.required) ctx.check(receipts.length > 0, '13.1', 'XP_LOG_MISSING', receipts.length > 0 ? 'has a log receipt' : 'no log receipt in the bundle', c.id);
    const receipt = receipts[0];
    if (!receipt) continue;
    rejected.add(c); // until it passed 13.6
    // 13.2
    const trusted = logKeys.has(receipt.origin) || trust.logs.some((l) => l.origin === receipt.origin);
    ctx.check(trusted, '13.2', 'XP_LOG_UNTRUSTED', trusted ? `logged in ${receipt.origin}` : `log ${receipt.origin} is not trusted`, c.id);
    if (!trusted) continue;
    // 13.3
    const opened = openCheckpoint(receipt.origin, receipt.checkpoint);
    const sizeOk = opened.ok && opened.cp.size === receipt.treeSize;
    ctx.check(
      sizeOk,
      '13.3',
      'XP_LOG_CHECKPOINT_SIGNATURE',
      !opened.ok ? opened.message : sizeOk ? `checkpoint of size ${receipt.treeSize} signed by the log` : `the checkpoint is for size ${opened.cp.size}, not ${receipt.treeSize}`,
      c.id,
    );
    if (!opened.ok || !sizeOk) continue;
    const cp = opened.cp;
    // 13.4 (once per checkpoint)
    if (!witnessReported.has(receipt.checkpoint)) {
      witnessReported.add(receipt.checkpoint);
      ctx.check(cp.witnessOk, '13.4', 'XP_LOG_WITNESS', cp.witnessMessage, c.id);
    }
    // 13.5 / 13.6
    const entry = logEntryBytes(c, ctx.digest(c));
    const given = (receipt as { entry?: unknown }).entry;
    let leafEntry = entry;
    if (typeof given === 'string') {
      const bytes = base64DecodeOrUndefined(given);
      const same = bytes !== undefined && bytesEqual(bytes, entry);
      ctx.check(same, '13.5', 'XP_LOG_ENTRY_MISMATCH', same ? 'the logged entry is this credential’s' : 'the logged entry is not this credential’s', c.id);
      if (bytes) leafEntry = bytes;
    }
    const proof = decodeHashes(receipt.inclusionProof);
    let included = false;
    let why = 'inclusion proof hashes are not 32-byte base64';
    if (proof) {
      try {
        verifyInclusion(leafHash(leafEntry), receipt.index, receipt.treeSize, proof, cp.rootHash);
        included = true;
      } catch (e) {
        why = (e as Error).message;
      }
    }
    ctx.check(included, '13.6', 'XP_LOG_INCLUSION', included ? `included at index ${receipt.index}` : why, c.id);
    if (!included) continue;
    good.set(c.id, receipt);
    accepted.add(c);
    rejected.delete(c);
    checkpoints.push({ origin: receipt.origin, cp });
  }
  checkOrder(ctx, logged, good, checkpoints, openCheckpoint, T);
  checkConsistency(ctx, checkpoints, openCheckpoint);
  return good;
}

function openCheckpointUncached(origin: string, note: string, logKey: NoteVerifier | undefined, witnesses: NoteVerifier[], threshold: number): CheckpointResult {
  if (!logKey) return { ok: false, message: `the trusted key of ${origin} is unusable` };
  if (!signaturesCanonical(note)) return { ok: false, message: 'a checkpoint signature line is not canonical base64' };
  let text: string;
  try {
    text = openNote(note, [logKey]).text;
  } catch (e) {
    return { ok: false, message: `checkpoint signature: ${(e as Error).message}` };
  }
  let parsed: ReturnType<typeof parseCheckpoint>;
  try {
    parsed = parseCheckpoint(text);
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  if (parsed.origin !== origin) return { ok: false, message: `the checkpoint is for ${parsed.origin}, not ${origin}` };
  const times: number[] = [];
  let witnessOk = threshold === 0;
  let witnessMessage = threshold === 0 ? 'no witness cosignatures required' : '';
  if (witnesses.length > 0) {
    try {
      const verified = openNote(note, witnesses).verified;
      const distinct = new Set(verified.map((s) => `${s.name}+${s.keyId}`));
      for (const s of verified) times.push(cosignatureTimestamp(s));
      witnessOk = distinct.size >= threshold;
      witnessMessage = `${distinct.size} trusted witness cosignature(s), ${threshold} required`;
    } catch (e) {
      const code = (e as { code?: string }).code;
      witnessOk = threshold === 0;
      witnessMessage = code === 'XP_NOTE_UNVERIFIED' ? `0 trusted witness cosignatures, ${threshold} required` : `witness cosignatures: ${(e as Error).message}`;
    }
  }
  return { ok: true, cp: { origin: parsed.origin, size: parsed.size, rootHash: parsed.rootHash, witnessTimes: times, witnessOk, witnessMessage } };
}

function checkOrder(
  ctx: VerifyContext,
  logged: LoggedCredential[],
  good: Map<string, Receipt>,
  _accepted: unknown,
  openCheckpoint: (origin: string, note: string) => CheckpointResult,
  T: { permitId?: string; outcomeId?: string; outcomeCompleted?: number },
): void {
  const skew = ctx.skew;
  const permitR = T.permitId ? good.get(T.permitId) : undefined;
  const outcomeR = T.outcomeId ? good.get(T.outcomeId) : undefined;
  const problems: string[] = [];
  let subject: string | undefined;
  if (permitR) {
    for (const item of logged) {
      if (item.role !== 'grant') continue;
      const g = good.get(item.credential.id);
      if (g && g.origin === permitR.origin && !(g.index < permitR.index)) {
        problems.push(`grant ${item.credential.id} logged at ${g.index}, not before the permit at ${permitR.index}`);
        subject ??= item.credential.id;
      }
    }
    const cp = openCheckpoint(permitR.origin, permitR.checkpoint);
    if (cp.ok && cp.cp.witnessTimes.length > 0) {
      const earliest = Math.min(...cp.cp.witnessTimes);
      if (ctx.executionTime > earliest + skew) {
        problems.push('the permit’s evaluation time is later than a witness saw it logged');
        subject ??= T.permitId;
      }
    }
  }
  if (permitR && outcomeR && outcomeR.origin === permitR.origin && !(permitR.index < outcomeR.index)) {
    problems.push(`the outcome is logged at ${outcomeR.index}, before the permit at ${permitR.index}`);
    subject ??= T.outcomeId;
  }
  if (outcomeR && T.outcomeCompleted !== undefined) {
    const cp = openCheckpoint(outcomeR.origin, outcomeR.checkpoint);
    if (cp.ok && cp.cp.witnessTimes.length > 0 && T.outcomeCompleted > Math.min(...cp.cp.witnessTimes) + skew) {
      problems.push('the outcome completed later than a witness saw it logged');
      subject ??= T.outcomeId;
    }
  }
  if (!permitR && !outcomeR) return;
  ctx.check(problems.length === 0, '13.7', 'XP_LOG_ORDER', problems.length === 0 ? 'log order agrees with the chain' : problems.join('; '), subject ?? T.permitId);
}

function checkConsistency(ctx: VerifyContext, accepted: { origin: string; cp: OpenedCheckpoint }[], openCheckpoint: (origin: string, note: string) => CheckpointResult): void {
  const all = [...accepted];
  for (const note of ctx.bundle.checkpoints) {
    for (const origin of new Set(accepted.map((a) => a.origin))) {
      const r = openCheckpoint(origin, note);
      if (r.ok) all.push({ origin, cp: r.cp });
    }
  }
  const proofs = ctx.bundle.consistencyProofs;
  const byOrigin = new Map<string, OpenedCheckpoint[]>();
  for (const a of all) {
    const list = byOrigin.get(a.origin) ?? [];
    if (!list.some((c) => c.size === a.cp.size && bytesEqual(c.rootHash, a.cp.rootHash))) list.push(a.cp);
    byOrigin.set(a.origin, list);
  }
  for (const [origin, cps] of byOrigin) {
    if (cps.length < 2) continue;
    cps.sort((a, b) => a.size - b.size);
    const problems: string[] = [];
    for (let i = 0; i < cps.length; i++) {
      for (let j = i + 1; j < cps.length; j++) {
        const a = cps[i]!;
        const b = cps[j]!;
        if (a.size === b.size) {
          problems.push(`two checkpoints of size ${a.size} with different roots`);
          continue;
        }
        const record = proofs.find((p) => p.origin === origin && p.fromSize === a.size && p.toSize === b.size);
        if (!record) continue;
        const hashes = decodeHashes(record.proof);
        try {
          if (!hashes) throw new Error('consistency proof hashes are not 32-byte base64');
          verifyConsistency(a.size, b.size, hashes, a.rootHash, b.rootHash);
        } catch (e) {
          problems.push(`${a.size} → ${b.size}: ${(e as Error).message}`);
        }
      }
    }
    ctx.check(problems.length === 0, '13.8', 'XP_LOG_INCONSISTENT', problems.length === 0 ? `checkpoints of ${origin} are consistent` : problems.join('; '));
  }
}
