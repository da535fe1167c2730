/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text of a log's signed
 * tree head — origin, tree size, base64 root hash, optional extension lines — and opening a
 * signed checkpoint against trusted log keys. Checkpoint text is untrusted until opened.
 */
import { XprovError } from '@xprov/format';
import { base64DecodeOrUndefined, base64Encode, hasControlChar, isSafeIndex, parseDecimal } from './bytes.js';
import { HASH_SIZE, type Hash } from './rfc9162.js';
import { type NoteSigner, type NoteVerifier, type OpenedNote, openNote, signNote } from './signed-note.js';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Hash;
  /** Opaque extension lines (NOT RECOMMENDED by the spec; non-empty if present). */
  extensions: string[];
}

function bad(why: string): never {
  throw new XprovError('XP_CHECKPOINT_MALFORMED', `malformed checkpoint: ${why}`);
}


/** The checkpoint note text, ending in a newline. */
export function formatCheckpoint(cp: { origin: string; size: number; rootHash: Hash; extensions?: string[] }): string {
  if (cp.origin.length === 0 || hasControlChar(cp.origin, false)) bad('origin must be a non-empty line');
  if (!isSafeIndex(cp.size)) bad('size must be a non-negative integer');
  if (!(cp.rootHash instanceof Uint8Array) || cp.rootHash.length !== HASH_SIZE) bad('root hash must be 32 bytes');
  const ext = cp.extensions ?? [];
  for (const e of ext) if (e.length === 0 || hasControlChar(e, false)) bad('extension lines must be non-empty lines');
  return [cp.origin, String(cp.size), base64Encode(cp.rootHash), ...ext].join('\n') + '\n';
}

/** Parses checkpoint note text (without signatures), strictly. */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string' || !text.endsWith('\n')) bad('text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) bad('needs origin, size and root hash lines');
  for (const l of lines) if (l.length === 0 || hasControlChar(l, false)) bad('lines must be non-empty, without control characters');
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  const size = parseDecimal(sizeLine);
  if (size === undefined) bad('size must be a decimal with no leading zeroes');
  const rootHash = base64DecodeOrUndefined(rootLine);
  if (!rootHash || rootHash.length !== HASH_SIZE) bad('root hash must be base64 of 32 bytes');
  return { origin, size: size!, rootHash: rootHash!, extensions };
}

/** Formats and signs a checkpoint as a signed note. */
export function signCheckpoint(
  cp: { origin: string; size: number; rootHash: Hash; extensions?: string[] },
  signers: NoteSigner[],
): string {
  return signNote(formatCheckpoint(cp), signers);
}

export interface OpenedCheckpoint {
  checkpoint: Checkpoint;
  note: OpenedNote;
}

/**
 * Opens a signed checkpoint: a known log key must have signed it (unknown signatures, e.g.
 * witness cosignatures, are kept in `note.unverified`). If `origin` is given the checkpoint
 * must carry it. Codes: `XP_NOTE_MALFORMED`, `XP_CHECKPOINT_MALFORMED`, `XP_LOG_UNTRUSTED`
 * (origin differs), `XP_LOG_CHECKPOINT_SIGNATURE` (no valid signature by a given log key, or
 * an invalid one).
 */
export function openCheckpoint(note: string | Uint8Array, opts: { verifiers: NoteVerifier[]; origin?: string }): OpenedCheckpoint {
  let opened: OpenedNote;
  try {
    opened = openNote(note, opts.verifiers);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'XP_NOTE_UNVERIFIED' || code === 'XP_NOTE_SIGNATURE_INVALID' || code === 'XP_NOTE_VERIFIER_AMBIGUOUS') {
      throw new XprovError('XP_LOG_CHECKPOINT_SIGNATURE', (e as Error).message, { cause: e });
    }
    throw e;
  }
  const checkpoint = parseCheckpoint(opened.text);
  if (opts.origin !== undefined && checkpoint.origin !== opts.origin) {
    throw new XprovError('XP_LOG_UNTRUSTED', `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not the expected log`);
  }
  return { checkpoint, note: opened };
}
