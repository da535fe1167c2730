/**
 * The pure parts of C2SP tlog-witness (https://c2sp.org/tlog-witness) `add-checkpoint`:
 * the request body (`old <size>\n`, up to 63 base64 consistency-proof lines, a blank line,
 * then the signed checkpoint), and the witness's decision given the logs it knows and the
 * latest checkpoint it cosigned for that origin. The HTTP service is a thin shell: read the
 * state, call `decideAddCheckpoint`, and on `status: 200` compare-and-swap the new state and
 * answer with `cosignCheckpoint(...)` lines — all within one transaction.
 *
 * The whole request body is attacker-controlled.
 */
import { XprovError } from '@xprov/format';
import { base64DecodeOrUndefined, base64Encode, bytesEqual, isSafeIndex, parseDecimal, utf8DecodeOrUndefined } from './bytes.js';
import { EMPTY_ROOT, HASH_SIZE, type Hash, verifyConsistency } from './rfc9162.js';
import { type Checkpoint, parseCheckpoint } from './tlog-checkpoint.js';
import { type NoteVerifier, openNote, parseNote } from './signed-note.js';

/** tlog-witness: a client MUST NOT send more than 63 consistency proof lines. */
export const MAX_WITNESS_PROOF_LINES = 63;

export interface AddCheckpointRequest {
  oldSize: number;
  proof: Hash[];
  /** The signed checkpoint note, verbatim. */
  checkpoint: string;
}

function badRequest(why: string): never {
  throw new XprovError('XP_WITNESS_BAD_REQUEST', `bad add-checkpoint request: ${why}`);
}

export function formatAddCheckpointRequest(req: AddCheckpointRequest): string {
  if (!isSafeIndex(req.oldSize)) badRequest('old size must be a non-negative integer');
  if (req.proof.length > MAX_WITNESS_PROOF_LINES) badRequest('too many proof lines');
  for (const h of req.proof) if (h.length !== HASH_SIZE) badRequest('proof hash must be 32 bytes');
  return `old ${req.oldSize}\n${req.proof.map((h) => `${base64Encode(h)}\n`).join('')}\n${req.checkpoint}`;
}

/** Parses an add-checkpoint body; throws `XP_WITNESS_BAD_REQUEST` (→ 400). */
export function parseAddCheckpointRequest(body: string | Uint8Array): AddCheckpointRequest {
  const s = typeof body === 'string' ? body : utf8DecodeOrUndefined(body);
  if (s === undefined) return badRequest('not UTF-8');
  const blank = s.indexOf('\n\n');
  if (blank < 0) badRequest('no blank line before the checkpoint');
  const head = s.slice(0, blank).split('\n');
  const checkpoint = s.slice(blank + 2);
  const m = /^old (0|[1-9][0-9]*)$/.exec(head[0]!);
  const oldSize = m ? parseDecimal(m[1]!) : undefined;
  if (oldSize === undefined) badRequest('first line must be "old <size>"');
  const lines = head.slice(1);
  if (lines.length > MAX_WITNESS_PROOF_LINES) badRequest('more than 63 proof lines');
  const proof = lines.map((l) => {
    const h = base64DecodeOrUndefined(l);
    if (!h || h.length !== HASH_SIZE) badRequest('proof line is not a base64 SHA-256 hash');
    return h!;
  });
  return { oldSize: oldSize!, proof, checkpoint };
}

/** What a witness keeps per log: the latest checkpoint it cosigned. */
export interface WitnessState {
  size: number;
  rootHash: Hash;
}

export type WitnessDecision =
  | {
      status: 200;
      origin: string;
      checkpoint: Checkpoint;
      /** The checkpoint note text to cosign (without signature lines). */
      checkpointText: string;
      /** Store this for `origin` (compare-and-swap against the state you decided on). */
      newState: WitnessState;
    }
  | {
      status: 400 | 403 | 404 | 409 | 422;
      code: string;
      message: string;
      /** For 409: `<size>\n` with Content-Type `text/x.tlog.size`. */
      body?: string;
      contentType?: string;
    };

/**
 * The witness's decision for one add-checkpoint request, in the order tlog-witness gives:
 * 400 malformed (`XP_WITNESS_BAD_REQUEST`), 404 unknown origin (`XP_WITNESS_UNKNOWN_LOG`),
 * 403 no valid log signature (`XP_LOG_CHECKPOINT_SIGNATURE`), 400 old size > size,
 * 409 old size ≠ stored size (`XP_WITNESS_CONFLICT`, body = stored size), 409 same size with a
 * different root (`XP_LOG_INCONSISTENT`, no body), 422 bad empty tree or bad proof
 * (`XP_LOG_INCONSISTENT`).
 *
 * `logs(origin)` returns the log's trusted note verifiers (undefined if unknown);
 * `state(origin)` the latest cosigned checkpoint (undefined if never cosigned).
 */
export function decideAddCheckpoint(
  body: string | Uint8Array,
  logs: (origin: string) => NoteVerifier[] | undefined,
  state: (origin: string) => WitnessState | undefined,
): WitnessDecision {
  let req: AddCheckpointRequest;
  let text: string;
  let cp: Checkpoint;
  try {
    req = parseAddCheckpointRequest(body);
    text = parseNote(req.checkpoint).text;
    cp = parseCheckpoint(text);
  } catch (e) {
    return { status: 400, code: 'XP_WITNESS_BAD_REQUEST', message: (e as Error).message };
  }
  const verifiers = logs(cp.origin);
  if (!verifiers || verifiers.length === 0) {
    return { status: 404, code: 'XP_WITNESS_UNKNOWN_LOG', message: `unknown log ${JSON.stringify(cp.origin)}` };
  }
  try {
    openNote(req.checkpoint, verifiers);
  } catch (e) {
    return { status: 403, code: 'XP_LOG_CHECKPOINT_SIGNATURE', message: (e as Error).message };
  }
  if (req.oldSize > cp.size) {
    return { status: 400, code: 'XP_WITNESS_BAD_REQUEST', message: 'old size is larger than the checkpoint size' };
  }
  const prev = state(cp.origin) ?? { size: 0, rootHash: EMPTY_ROOT };
  if (req.oldSize !== prev.size) {
    return {
      status: 409,
      code: 'XP_WITNESS_CONFLICT',
      message: `witness has size ${prev.size}`,
      body: `${prev.size}\n`,
      contentType: 'text/x.tlog.size',
    };
  }
  const inconsistent = (message: string): WitnessDecision => ({ status: 422, code: 'XP_LOG_INCONSISTENT', message });
  if (cp.size === 0 && !bytesEqual(cp.rootHash, EMPTY_ROOT)) return inconsistent('size 0 with a non-empty root');
  if (req.oldSize === 0 && req.proof.length !== 0) return inconsistent('proof must be empty from size 0');
  // C2SP tlog-witness: "If the old size matches the checkpoint size, the witness MUST check that the
  // root hashes are also identical. If they don't match, the witness MUST respond with a 409
  // Conflict" — without a text/x.tlog.size body, so a log cannot mistake it for a stale size.
  if (req.oldSize === cp.size && !bytesEqual(prev.rootHash, cp.rootHash)) {
    return { status: 409, code: 'XP_LOG_INCONSISTENT', message: 'same size, different root' };
  }
  if (req.oldSize !== 0) {
    try {
      verifyConsistency(req.oldSize, cp.size, req.proof, prev.rootHash, cp.rootHash);
    } catch (e) {
      return inconsistent((e as Error).message);
    }
  }
  return {
    status: 200,
    origin: cp.origin,
    checkpoint: cp,
    checkpointText: text,
    newState: { size: cp.size, rootHash: cp.rootHash },
  };
}
