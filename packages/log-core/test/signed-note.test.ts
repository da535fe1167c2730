import { describe, expect, it } from 'vitest';
import {
  base64DecodeOrUndefined,
  base64Encode,
  decodeVerifierKey,
  generateNoteKey,
  noteKeyId,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from '../src/index.js';
import { expectCode } from './helpers.js';

// Values from golang.org/x/mod sumdb/note/note_test.go (TestNewVerifier, TestSign, TestOpen)
// and the C2SP signed-note spec's "Verifier keys → Example" (c2sp.org/signed-note).
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const C2SP_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const C2SP_NOTE =
  'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

describe('note keys', () => {
  it('parses the Go verifier and signer keys and recomputes their key IDs', () => {
    const v = parseVerifierKey(PETER_VKEY);
    expect(v.name).toBe('PeterNeumann');
    expect(v.keyId).toBe(0xc74f20a3);
    expect(noteKeyId(v.name, 1, v.publicKey)).toBe(0xc74f20a3);
    const s = parseSignerKey(PETER_SKEY);
    expect(s.verifierKey).toBe(PETER_VKEY);
    expect(s.signerKey).toBe(PETER_SKEY);
  });
  it('rejects every substring and every single-byte mangling of a verifier key (as Go does)', () => {
    const b = PETER_VKEY;
    for (let i = 0; i <= b.length; i++) {
      for (let j = i + 1; j <= b.length; j++) {
        if (i !== 0 || j !== b.length) expectCode(() => parseVerifierKey(b.slice(i, j)), 'XP_NOTE_KEY_MALFORMED');
      }
    }
    for (let i = 0; i < b.length; i++) {
      const m = b.slice(0, i) + String.fromCharCode(b.charCodeAt(i) + 1) + b.slice(i + 1);
      expectCode(() => parseVerifierKey(m), 'XP_NOTE_KEY_MALFORMED');
    }
    // Wrong-length key and unknown algorithm, each with an adjusted key hash (Go's test).
    expectCode(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='), 'XP_NOTE_KEY_MALFORMED');
    expectCode(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), 'XP_NOTE_KEY_MALFORMED');
  });
  it('rejects every single-byte mangling of a signer key', () => {
    const b = PETER_SKEY;
    for (let i = 0; i < b.length; i++) {
      const m = b.slice(0, i) + String.fromCharCode(b.charCodeAt(i) + 1) + b.slice(i + 1);
      expectCode(() => parseSignerKey(m), 'XP_NOTE_KEY_MALFORMED');
    }
    expectCode(() => parseSignerKey(b.slice(0, -1)), 'XP_NOTE_KEY_MALFORMED');
  });
  it('generates deterministic keys from a seed and random ones without', () => {
    const a = generateNoteKey('example.com/log', new Uint8Array(32).fill(7));
    const b = generateNoteKey('example.com/log', new Uint8Array(32).fill(7));
    expect(a.verifierKey).toBe(b.verifierKey);
    expect(parseSignerKey(a.signerKey).verifierKey).toBe(a.verifierKey);
    expect(generateNoteKey('example.com/log').verifierKey).not.toBe(a.verifierKey);
    expectCode(() => generateNoteKey('bad name'), 'XP_NOTE_KEY_MALFORMED');
    expectCode(() => generateNoteKey('a+b'), 'XP_NOTE_KEY_MALFORMED');
    expectCode(() => generateNoteKey('x', new Uint8Array(31)), 'XP_NOTE_KEY_MALFORMED');
  });
  it('decodes keys of other types without accepting them as Ed25519 note keys', () => {
    const k = generateNoteKey('w');
    const vk = decodeVerifierKey(k.verifierKey);
    expect(vk.type).toBe(1);
  });
});

describe('signNote / openNote', () => {
  it('reproduces the Go signature byte for byte', () => {
    const s = parseSignerKey(PETER_SKEY);
    expect(signNote(TEXT, [s.signer])).toBe(`${TEXT}\n${PETER_SIG}`);
    // An existing signature by the same key is replaced.
    expect(signNote(TEXT, [s.signer], [{ name: 'PeterNeumann', keyId: 0xc74f20a3, base64: 'BADSIGN=' }])).toBe(`${TEXT}\n${PETER_SIG}`);
    expectCode(() => signNote('abc', [s.signer]), 'XP_NOTE_MALFORMED');
    expectCode(() => signNote(TEXT, [], [{ name: 'a+b', keyId: 0, base64: 'ABCD' }]), 'XP_NOTE_MALFORMED');
    expectCode(() => signNote(TEXT, [], [{ name: 'PeterNeumann', keyId: 0xc74f20a3, base64: 'BADHASH=' }]), 'XP_NOTE_MALFORMED');
  });
  it('verifies the C2SP spec example', () => {
    const n = openNote(C2SP_NOTE, [parseVerifierKey(C2SP_VKEY)]);
    expect(n.text).toBe('This is an example message.\n');
  });
  it('opens with known keys and keeps unknown signatures aside (Go TestOpen)', () => {
    const peter = parseVerifierKey(PETER_VKEY);
    const enoch = parseVerifierKey(ENOCH_VKEY);
    const msg = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    const one = openNote(msg, [peter]);
    expect(one.text).toBe(TEXT);
    expect(one.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(one.unverified.map((s) => s.name)).toEqual(['EnochRoot']);
    const both = openNote(msg, [peter, enoch]);
    expect(both.verified.map((s) => s.keyId)).toEqual([0xc74f20a3, 0xaf0cfe78]);
    expectCode(() => openNote(msg, []), 'XP_NOTE_UNVERIFIED');
    expectCode(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, peter, enoch]), 'XP_NOTE_VERIFIER_AMBIGUOUS');
    openNote(`${TEXT}\n${PETER_SIG}`, [enoch, peter, enoch]);
    // Duplicates are dropped.
    const dup = openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}`, [peter]);
    expect(dup.verified).toHaveLength(1);
    expect(dup.unverified).toHaveLength(1);
  });
  it('rejects a bad signature by a known key, and more than 100 signatures', () => {
    const peter = parseVerifierKey(PETER_VKEY);
    expectCode(() => openNote(`${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`, [peter]), 'XP_NOTE_SIGNATURE_INVALID');
    expectCode(() => openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [peter]), 'XP_NOTE_MALFORMED');
    expectCode(() => openNote(`${TEXT}x\n\n${PETER_SIG}`, [peter]), 'XP_NOTE_SIGNATURE_INVALID');
  });
  it('rejects malformed notes (Go TestOpen badMsgs)', () => {
    const peter = parseVerifierKey(PETER_VKEY);
    for (const msg of [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\x01${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n— PeterNeumann\n`,
      `${TEXT}\n— PeterNeumann AAAA\n`,
      `${TEXT}\n— PeterNeumann not*base64\n`,
    ]) {
      expectCode(() => openNote(msg, [peter]), 'XP_NOTE_MALFORMED');
    }
    expectCode(() => openNote(new Uint8Array([0xff, 0x0a, 0x0a]), [peter]), 'XP_NOTE_MALFORMED');
    expectCode(() => parseNote('\ud800\n\n— a AAAAAAA=\n'), 'XP_NOTE_MALFORMED');
  });
  it('rejects a signature line whose final base64 character has non-zero trailing bits', () => {
    const peter = parseVerifierKey(PETER_VKEY);
    // PETER_SIG ends in `nAM=`: 2 unused trailing bits in `M` (0b001100). Setting them spells the
    // same bytes (a lenient decoder, like Go's StdEncoding, would accept the note and the
    // signature would verify), but the spelling is not canonical (spec/log.md 3.2).
    const b64 = PETER_SIG.slice('— PeterNeumann '.length, -1);
    const last = b64.length - 2;
    expect(b64[last]).toBe('M');
    for (const flipped of ['N', 'O', 'P']) {
      const variant = `${b64.slice(0, last)}${flipped}=`;
      expect(base64DecodeOrUndefined(variant)).toEqual(base64DecodeOrUndefined(b64));
      expectCode(() => openNote(`${TEXT}\n— PeterNeumann ${variant}\n`, [peter]), 'XP_NOTE_MALFORMED');
      expectCode(() => parseNote(`${TEXT}\n— PeterNeumann ${variant}\n`), 'XP_NOTE_MALFORMED');
      expectCode(() => signNote(TEXT, [], [{ name: 'PeterNeumann', keyId: 0xc74f20a3, base64: variant }]), 'XP_NOTE_MALFORMED');
    }
    // The canonical spelling still opens.
    expect(openNote(`${TEXT}\n${PETER_SIG}`, [peter]).verified).toHaveLength(1);
  });
  it('rejects a verifier key whose base64 has non-zero trailing bits', () => {
    // 33-byte Ed25519 keys have no unused bits; a 34-byte key of another type has 4.
    const pub = new Uint8Array(33).fill(9);
    const raw = new Uint8Array([0xff, ...pub]);
    const b64 = base64Encode(raw);
    expect(b64.endsWith('Q==')).toBe(true);
    const id = noteKeyId('w', 0xff, pub).toString(16).padStart(8, '0');
    expect(decodeVerifierKey(`w+${id}+${b64}`).type).toBe(0xff);
    const variant = `${b64.slice(0, -3)}R==`;
    expect(base64DecodeOrUndefined(variant)).toEqual(raw);
    expectCode(() => decodeVerifierKey(`w+${id}+${variant}`), 'XP_NOTE_KEY_MALFORMED');
  });
  it('accepts bytes as well as strings, and an injected verify function', () => {
    let calls = 0;
    const peter = parseVerifierKey(PETER_VKEY, {
      verify: () => {
        calls++;
        return true;
      },
    });
    openNote(new TextEncoder().encode(`${TEXT}\n${PETER_SIG}`), [peter]);
    expect(calls).toBe(1);
  });
});
