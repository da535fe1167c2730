/**
 * C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature), Ed25519 `cosignature/v1`:
 * key IDs with signature type 0x04, the signed message
 * `cosignature/v1\ntime <t>\n` ‖ checkpoint note text, and the `timestamped_signature`
 * (u64 big-endian POSIX seconds ‖ 64-byte Ed25519 signature) carried in a note signature line.
 *
 * Cosigner keys are vkeys of type 0x04. Signer keys use the signed-note form with type 0x04
 * (`PRIVATE+KEY+name+hex8+base64(0x04‖seed)`), an xprov convention (the spec defines none).
 * Signature lines, timestamps and checkpoints given to the verifiers are untrusted.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { XprovError } from '@xprov/format';
import { base64DecodeOrUndefined, base64Encode, concatBytes, utf8Encode } from './bytes.js';
import {
  decodeVerifierKey,
  type Ed25519Verify,
  formatSignatureLine,
  formatVerifierKey,
  isValidKeyName,
  keyIdHex,
  type NoteSignature,
  type NoteVerifier,
  nobleEd25519Verify,
  noteKeyId,
  openNote,
  SIG_TYPE_COSIGNATURE_V1,
  splitKey,
} from './signed-note.js';

const MAX_TIMESTAMP = 2n ** 63n - 1n;

function badKey(why: string): never {
  throw new XprovError('XP_NOTE_KEY_MALFORMED', `malformed cosigner key: ${why}`);
}

/** The message a cosigner signs: header line, time line, then the checkpoint note text. */
export function cosignatureMessage(checkpointText: string, timestamp: number): Uint8Array {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new XprovError('XP_COSIGNATURE_MALFORMED', 'timestamp must be a non-negative integer');
  }
  return utf8Encode(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`);
}

function u64(n: number): Uint8Array {
  const b = new Uint8Array(8);
  let v = BigInt(n);
  for (let i = 7; i >= 0; i--) {
    b[i] = Number(v & 255n);
    v >>= 8n;
  }
  return b;
}

function readU64(b: Uint8Array): bigint {
  let v = 0n;
  for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(b[i]!);
  return v;
}

export interface CosignerKey {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
  /** Secret: `PRIVATE+KEY+name+hex8+base64(0x04‖seed)`. Store with mode 0600, never log. */
  signerKey: string;
  /** `name+hex8+base64(0x04‖pub)`. */
  verifierKey: string;
  /** Produces the `timestamped_signature` bytes (without key ID) for a checkpoint text. */
  sign(checkpointText: string, timestamp: number): Uint8Array;
  verifier: NoteVerifier;
}

function cosignerFromSeed(name: string, seed: Uint8Array): CosignerKey {
  if (!isValidKeyName(name)) badKey('invalid key name');
  if (seed.length !== 32) badKey('Ed25519 seed must be 32 bytes');
  const secret = seed.slice();
  const publicKey = ed25519.getPublicKey(secret);
  const keyId = noteKeyId(name, SIG_TYPE_COSIGNATURE_V1, publicKey);
  const verifierKey = formatVerifierKey(name, SIG_TYPE_COSIGNATURE_V1, publicKey);
  return {
    name,
    keyId,
    publicKey,
    signerKey: `PRIVATE+KEY+${name}+${keyIdHex(keyId)}+${base64Encode(concatBytes(new Uint8Array([SIG_TYPE_COSIGNATURE_V1]), secret))}`,
    verifierKey,
    sign: (text, timestamp) => concatBytes(u64(timestamp), ed25519.sign(cosignatureMessage(text, timestamp), secret)),
    verifier: parseCosignatureVerifierKey(verifierKey),
  };
}

/** A new Ed25519 cosigner key; deterministic with a 32-byte `seed`. */
export function generateCosignerKey(name: string, seed?: Uint8Array): CosignerKey {
  return cosignerFromSeed(name, seed ?? crypto.getRandomValues(new Uint8Array(32)));
}

/** Parses a cosigner signer key (`PRIVATE+KEY+name+hex8+base64(0x04‖seed)`). */
export function parseCosignerSignerKey(skey: string): CosignerKey {
  if (typeof skey !== 'string' || !skey.startsWith('PRIVATE+KEY+')) badKey('signer key must start with PRIVATE+KEY+');
  const [name, idHex, b64] = splitKey(skey.slice('PRIVATE+KEY+'.length));
  const raw = base64DecodeOrUndefined(b64);
  if (raw?.length !== 33 || raw[0] !== SIG_TYPE_COSIGNATURE_V1) badKey('expected base64(0x04 ‖ 32-byte seed)');
  const key = cosignerFromSeed(name, raw.slice(1));
  if (!/^[0-9a-fA-F]{8}$/.test(idHex) || key.keyId !== Number.parseInt(idHex, 16) >>> 0) badKey('key ID mismatch');
  return key;
}

/**
 * A note verifier for `cosignature/v1` signatures by the cosigner named in `vkey` (type 0x04).
 * Use it with `openNote` on a cosigned checkpoint; the note text is the checkpoint body.
 */
export function parseCosignatureVerifierKey(
  vkey: string,
  opts: { verify?: Ed25519Verify } = {},
): NoteVerifier & { publicKey: Uint8Array; type: number } {
  const k = decodeVerifierKey(vkey);
  if (k.type !== SIG_TYPE_COSIGNATURE_V1) badKey(`expected signature type 0x04, got 0x${k.type.toString(16)}`);
  if (k.publicKey.length !== 32) badKey('Ed25519 public key must be 32 bytes');
  const verify = opts.verify ?? nobleEd25519Verify;
  return {
    ...k,
    verify: (text, sig) => {
      if (sig.length !== 72) return false;
      const ts = readU64(sig);
      if (ts > MAX_TIMESTAMP || ts > BigInt(Number.MAX_SAFE_INTEGER)) return false;
      const msg = cosignatureMessage(new TextDecoder().decode(text), Number(ts));
      return verify(sig.slice(8), msg, k.publicKey);
    },
  };
}

/** The cosignature line (with newline) for a checkpoint text at `timestamp` (POSIX seconds, > 0). */
export function cosignCheckpoint(checkpointText: string, timestamp: number, key: CosignerKey): string {
  if (!Number.isSafeInteger(timestamp) || timestamp <= 0) {
    throw new XprovError('XP_COSIGNATURE_MALFORMED', 'a cosignature timestamp must be a positive integer');
  }
  return formatSignatureLine(key.name, key.keyId, key.sign(checkpointText, timestamp));
}

/** The timestamp of a cosignature signature line's bytes (after verification). */
export function cosignatureTimestamp(sig: NoteSignature): number {
  const raw = base64DecodeOrUndefined(sig.base64);
  if (!raw || raw.length !== 4 + 72) throw new XprovError('XP_COSIGNATURE_MALFORMED', 'not a cosignature/v1 signature');
  const ts = readU64(raw.slice(4));
  if (ts > BigInt(Number.MAX_SAFE_INTEGER)) throw new XprovError('XP_COSIGNATURE_MALFORMED', 'timestamp out of range');
  return Number(ts);
}

export interface VerifiedCosignature {
  name: string;
  keyId: number;
  timestamp: number;
}

/**
 * Verifies the cosignatures on a signed checkpoint note by the given witnesses (other
 * signatures, including the log's, are ignored) and requires at least `threshold` distinct
 * witnesses. Throws `XP_LOG_WITNESS` when too few verify, `XP_NOTE_MALFORMED` on bad syntax;
 * a cosignature by a known witness that fails to verify also yields `XP_LOG_WITNESS`.
 */
export function verifyCosignatures(signedCheckpoint: string, witnesses: NoteVerifier[], threshold: number): VerifiedCosignature[] {
  let verified: NoteSignature[] = [];
  try {
    verified = openNote(signedCheckpoint, witnesses).verified;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'XP_NOTE_MALFORMED') throw e;
    if (code !== 'XP_NOTE_UNVERIFIED') throw new XprovError('XP_LOG_WITNESS', (e as Error).message, { cause: e });
  }
  if (verified.length < threshold) {
    throw new XprovError('XP_LOG_WITNESS', `${verified.length} valid witness cosignatures, ${threshold} required`);
  }
  return verified.map((s) => ({ name: s.name, keyId: s.keyId, timestamp: cosignatureTimestamp(s) }));
}
