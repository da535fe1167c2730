/**
 * C2SP signed-note (https://c2sp.org/signed-note): note parsing and formatting, Ed25519 note
 * keys (signature type 0x01), key IDs, verifier keys `name+hex8+base64(type‖pub)` and signer
 * keys `PRIVATE+KEY+name+hex8+base64(0x01‖seed)`, signing and opening notes. Behaviour and
 * limits follow the spec and Go's golang.org/x/mod/sumdb/note (at most 100 signature lines,
 * duplicate signatures dropped, unknown keys ignored, a known key's bad signature rejects the
 * whole note, at least one known valid signature required).
 *
 * Everything passed to `openNote`, `parseVerifierKey` and `parseSignerKey` is untrusted.
 *
 * Base64 (signature lines, verifier and signer keys) must be canonical (spec/log.md 3.2): one
 * spelling per note, as `note.Sign` in Go always produces.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@xprov/format';
import { XprovError } from '@xprov/format';
import {
  base64DecodeOrUndefined,
  base64Encode,
  concatBytes,
  hasControlChar,
  utf8DecodeOrUndefined,
  utf8Encode,
} from './bytes.js';

/** signed-note §Signature types. */
export const SIG_TYPE_ED25519 = 0x01;
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;
/** Go x/mod/sumdb/note rejects notes with more than 100 signature lines; so do we. */
export const MAX_NOTE_SIGNATURES = 100;
const SIG_PREFIX = '\u2014 ';

/** Ed25519 verification (RFC 8032); inject a faster one (e.g. WebCrypto / node:crypto) if you have it. */
export type Ed25519Verify = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

export const nobleEd25519Verify: Ed25519Verify = (sig, msg, pub) => {
  try {
    return ed25519.verify(sig, msg, pub, { zip215: false });
  } catch {
    return false;
  }
};

/** A signature line: key name, key ID, and the base64 of keyID ‖ signature as it appeared. */
export interface NoteSignature {
  name: string;
  keyId: number;
  base64: string;
}

export interface NoteVerifier {
  name: string;
  keyId: number;
  /** Checks `signature` (the bytes after the 4-byte key ID) over the note text bytes. */
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  name: string;
  keyId: number;
  /** Signs the note text bytes; returns the bytes that follow the key ID. */
  sign(text: Uint8Array): Uint8Array;
}

export interface OpenedNote {
  text: string;
  /** Signatures by known keys, all verified. */
  verified: NoteSignature[];
  /** Signatures by unknown keys (ignored, kept for forwarding). */
  unverified: NoteSignature[];
}

/**
 * Standard base64 (RFC 4648 §4, as signed-note prescribes) that is also canonical: re-encoding
 * the bytes gives the same text, i.e. padding present and the unused trailing bits of the final
 * character zero (RFC 4648 §3.5). Go's `base64.StdEncoding` accepts non-zero trailing bits; we
 * don't, so that a note has exactly one spelling. Returns undefined otherwise. `s` is untrusted.
 */
function canonicalBase64(s: string): Uint8Array | undefined {
  const raw = base64DecodeOrUndefined(s);
  return raw && base64Encode(raw) === s ? raw : undefined;
}

function malformed(why: string): never {
  throw new XprovError('XP_NOTE_MALFORMED', `malformed note: ${why}`);
}
function badKey(why: string): never {
  throw new XprovError('XP_NOTE_KEY_MALFORMED', `malformed note key: ${why}`);
}

const UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Key names are non-empty, with no Unicode spaces and no `+` (signed-note §Format). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !UNICODE_SPACE.test(name) && !name.includes('+') && !LONE_SURROGATE.test(name);
}

/** key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], big-endian (signed-note §Signatures). */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const h = sha256(concatBytes(utf8Encode(name), new Uint8Array([0x0a, type]), publicKey));
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
}

export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

function keyIdBytes(keyId: number): Uint8Array {
  return new Uint8Array([keyId >>> 24, (keyId >>> 16) & 255, (keyId >>> 8) & 255, keyId & 255]);
}

/** `name+hex(keyID)+base64(type ‖ publicKey)` (signed-note §Verifier keys). */
export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) badKey('invalid key name');
  const id = noteKeyId(name, type, publicKey);
  return `${name}+${keyIdHex(id)}+${base64Encode(concatBytes(new Uint8Array([type]), publicKey))}`;
}

/** A decoded verifier key of any signature type, its key ID checked. */
export interface DecodedVerifierKey {
  name: string;
  keyId: number;
  type: number;
  publicKey: Uint8Array;
}

/**
 * Splits `name+hex8+base64` at its first two `+` (base64 itself may contain `+`), as Go's
 * note.NewVerifier does.
 */
export function splitKey(key: string): [string, string, string] {
  const a = key.indexOf('+');
  const b = a < 0 ? -1 : key.indexOf('+', a + 1);
  if (a < 0 || b < 0) badKey('expected name+keyid+key');
  return [key.slice(0, a), key.slice(a + 1, b), key.slice(b + 1)];
}

/** Parses a vkey string of any type and checks that its key ID matches its name and key. */
export function decodeVerifierKey(vkey: string): DecodedVerifierKey {
  if (typeof vkey !== 'string') badKey('not a string');
  const [name, idHex, b64] = splitKey(vkey);
  if (!isValidKeyName(name)) badKey('invalid key name');
  if (!/^[0-9a-fA-F]{8}$/.test(idHex)) badKey('key ID must be 8 hex digits');
  const raw = canonicalBase64(b64);
  if (!raw || raw.length < 2) badKey('key is not canonical base64');
  const type = raw[0]!;
  const publicKey = raw.slice(1);
  const keyId = Number.parseInt(idHex, 16) >>> 0;
  if (noteKeyId(name, type, publicKey) !== keyId) badKey('key ID does not match name and key');
  return { name, keyId, type, publicKey };
}

/** An Ed25519 (type 0x01) note verifier from its vkey string. */
export function parseVerifierKey(vkey: string, opts: { verify?: Ed25519Verify } = {}): NoteVerifier & DecodedVerifierKey {
  const k = decodeVerifierKey(vkey);
  if (k.type !== SIG_TYPE_ED25519) badKey(`unsupported signature type 0x${k.type.toString(16)}`);
  if (k.publicKey.length !== 32) badKey('Ed25519 public key must be 32 bytes');
  const verify = opts.verify ?? nobleEd25519Verify;
  return { ...k, verify: (text, sig) => sig.length === 64 && verify(sig, text, k.publicKey) };
}

export interface NoteKey {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
  /** `PRIVATE+KEY+name+hex8+base64(0x01‖seed)` — secret; store with mode 0600, never log it. */
  signerKey: string;
  /** `name+hex8+base64(0x01‖pub)` — public. */
  verifierKey: string;
  signer: NoteSigner;
  verifier: NoteVerifier;
}

function ed25519NoteKey(name: string, seed: Uint8Array): NoteKey {
  if (!isValidKeyName(name)) badKey('invalid key name');
  if (seed.length !== 32) badKey('Ed25519 seed must be 32 bytes');
  const secret = seed.slice();
  const publicKey = ed25519.getPublicKey(secret);
  const keyId = noteKeyId(name, SIG_TYPE_ED25519, publicKey);
  const verifierKey = formatVerifierKey(name, SIG_TYPE_ED25519, publicKey);
  const signerKey = `PRIVATE+KEY+${name}+${keyIdHex(keyId)}+${base64Encode(concatBytes(new Uint8Array([SIG_TYPE_ED25519]), secret))}`;
  return {
    name,
    keyId,
    publicKey,
    signerKey,
    verifierKey,
    signer: { name, keyId, sign: (text) => ed25519.sign(text, secret) },
    verifier: parseVerifierKey(verifierKey),
  };
}

/** A new Ed25519 note key; `seed` (32 bytes) makes it deterministic, otherwise it is random. */
export function generateNoteKey(name: string, seed?: Uint8Array): NoteKey {
  return ed25519NoteKey(name, seed ?? crypto.getRandomValues(new Uint8Array(32)));
}

/** Parses a `PRIVATE+KEY+…` signer key string (type 0x01) and checks its key ID. */
export function parseSignerKey(skey: string): NoteKey {
  if (typeof skey !== 'string' || !skey.startsWith('PRIVATE+KEY+')) badKey('signer key must start with PRIVATE+KEY+');
  const [name, idHex, b64] = splitKey(skey.slice('PRIVATE+KEY+'.length));
  if (!isValidKeyName(name)) badKey('invalid key name');
  if (!/^[0-9a-fA-F]{8}$/.test(idHex)) badKey('key ID must be 8 hex digits');
  const raw = canonicalBase64(b64);
  if (raw?.length !== 33 || raw[0] !== SIG_TYPE_ED25519) badKey('expected canonical base64(0x01 ‖ 32-byte seed)');
  const key = ed25519NoteKey(name, raw.slice(1));
  if (key.keyId !== Number.parseInt(idHex, 16) >>> 0) badKey('key ID does not match name and key');
  return key;
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) malformed('text must end with a newline');
  if (hasControlChar(text, true)) malformed('control character in text');
  if (LONE_SURROGATE.test(text)) malformed('text is not valid UTF-8');
}

/** One signature line, with its trailing newline. */
export function formatSignatureLine(name: string, keyId: number, signature: Uint8Array): string {
  if (!isValidKeyName(name)) malformed('invalid key name');
  return `${SIG_PREFIX}${name} ${base64Encode(concatBytes(keyIdBytes(keyId), signature))}\n`;
}

/**
 * Signs `text` (which must end in a newline) with each signer. `existing` signatures are kept
 * first (as Go's note.Sign does) unless a signer replaces the same name and key ID.
 */
export function signNote(text: string, signers: NoteSigner[], existing: NoteSignature[] = []): string {
  checkText(text);
  const msg = utf8Encode(text);
  const replaced = new Set(signers.map((s) => `${s.name}+${s.keyId}`));
  let sigs = '';
  for (const s of existing) {
    if (replaced.has(`${s.name}+${s.keyId}`)) continue;
    const raw = canonicalBase64(s.base64);
    if (!isValidKeyName(s.name) || !raw || raw.length < 5 || readU32(raw) !== s.keyId) malformed('bad existing signature');
    sigs += `${SIG_PREFIX}${s.name} ${s.base64}\n`;
  }
  for (const s of signers) sigs += formatSignatureLine(s.name, s.keyId, s.sign(msg));
  return `${text}\n${sigs}`;
}

function readU32(b: Uint8Array): number {
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

/** Splits a note into text and signature lines without verifying anything. */
export function parseNote(msg: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  let s: string;
  if (typeof msg === 'string') {
    if (LONE_SURROGATE.test(msg)) malformed('not valid UTF-8');
    s = msg;
  } else {
    const d = utf8DecodeOrUndefined(msg);
    if (d === undefined) malformed('not valid UTF-8');
    s = d;
  }
  if (hasControlChar(s, true)) malformed('control character');
  const split = s.lastIndexOf('\n\n');
  if (split < 0) malformed('no blank line before signatures');
  const text = s.slice(0, split + 1);
  const block = s.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) malformed('signature block must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) malformed('too many signatures');
  const signatures = lines.map((line) => {
    if (!line.startsWith(SIG_PREFIX)) malformed('signature line must start with an em dash and a space');
    const rest = line.slice(SIG_PREFIX.length);
    const sp = rest.indexOf(' ');
    if (sp < 0) malformed('signature line needs a name and a signature');
    const name = rest.slice(0, sp);
    const b64 = rest.slice(sp + 1);
    const raw = canonicalBase64(b64);
    if (!isValidKeyName(name) || b64 === '' || !raw || raw.length < 5) malformed('bad signature line (or not canonical base64)');
    return { name, keyId: readU32(raw), base64: b64 };
  });
  return { text, signatures };
}

/**
 * Opens a signed note: parses it, ignores signatures from unknown keys, verifies every
 * signature from a known key (name and key ID both match). Throws `XP_NOTE_MALFORMED`,
 * `XP_NOTE_SIGNATURE_INVALID` (a known key's signature fails: the whole note is rejected),
 * `XP_NOTE_UNVERIFIED` (no known key signed it) or `XP_NOTE_VERIFIER_AMBIGUOUS` (two given
 * verifiers share name and key ID and one is needed).
 */
export function openNote(msg: string | Uint8Array, verifiers: NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(msg);
  const textBytes = utf8Encode(text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenKnown = new Set<string>();
  const seenUnknown = new Set<string>();
  for (const sig of signatures) {
    const matches = verifiers.filter((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (matches.length === 0) {
      const line = `${sig.name} ${sig.base64}`;
      if (!seenUnknown.has(line)) {
        seenUnknown.add(line);
        unverified.push(sig);
      }
      continue;
    }
    if (matches.length > 1) {
      throw new XprovError('XP_NOTE_VERIFIER_AMBIGUOUS', `ambiguous key ${sig.name}+${keyIdHex(sig.keyId)}`);
    }
    const id = `${sig.name}+${sig.keyId}`;
    if (seenKnown.has(id)) continue;
    seenKnown.add(id);
    const raw = base64DecodeOrUndefined(sig.base64)!;
    if (!matches[0]!.verify(textBytes, raw.slice(4))) {
      throw new XprovError('XP_NOTE_SIGNATURE_INVALID', `invalid signature for key ${sig.name}+${keyIdHex(sig.keyId)}`, {
        details: { name: sig.name, keyId: sig.keyId },
      });
    }
    verified.push(sig);
  }
  if (verified.length === 0) {
    throw new XprovError('XP_NOTE_UNVERIFIED', 'note has no verifiable signatures', { details: { text, unverified } });
  }
  return { text, verified, unverified };
}

