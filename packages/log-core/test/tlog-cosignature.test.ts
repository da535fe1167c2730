import { describe, expect, it } from 'vitest';
import {
  cosignatureMessage,
  cosignatureTimestamp,
  cosignCheckpoint,
  formatCheckpoint,
  generateCosignerKey,
  generateNoteKey,
  openNote,
  parseCosignatureVerifierKey,
  parseCosignerSignerKey,
  signCheckpoint,
  verifyCosignatures,
} from '../src/index.js';
import { expectCode } from './helpers.js';

const body = formatCheckpoint({ origin: 'example.com/log', size: 5, rootHash: new Uint8Array(32).fill(3) });

describe('tlog-cosignature/v1', () => {
  it('signs the spec message: header, time line, checkpoint body', () => {
    expect(new TextDecoder().decode(cosignatureMessage(body, 1679315147))).toBe(`cosignature/v1\ntime 1679315147\n${body}`);
  });
  it('reads timestamps as transparency-dev/formats does (note_cosigv1_test.go vectors)', () => {
    expect(
      cosignatureTimestamp({
        name: 'x',
        keyId: 0,
        base64: 'ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==',
      }),
    ).toBe(1727964367);
    expectCode(
      () =>
        cosignatureTimestamp({
          name: 'x',
          keyId: 0,
          base64: 'eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY=',
        }),
      'XP_COSIGNATURE_MALFORMED',
    );
    // A published native cosignature/v1 (type 0x04) verifier key parses.
    const v = parseCosignatureVerifierKey('remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2');
    expect(v.keyId).toBe(0xda77ade7);
  });
  it('round-trips: a witness cosigns, a client verifies with the witness vkey', () => {
    const log = generateNoteKey('example.com/log');
    const w1 = generateCosignerKey('witness.example/w1');
    const w2 = generateCosignerKey('witness.example/w2');
    const signed = signCheckpoint({ origin: 'example.com/log', size: 5, rootHash: new Uint8Array(32).fill(3) }, [log.signer]);
    const cosigned = signed + cosignCheckpoint(body, 1700000000, w1) + cosignCheckpoint(body, 1700000001, w2);
    const ok = verifyCosignatures(cosigned, [parseCosignatureVerifierKey(w1.verifierKey), w2.verifier], 2);
    expect(ok.map((c) => c.timestamp)).toEqual([1700000000, 1700000001]);
    // The log's own signature still verifies with the log key; the cosignatures are "unknown" to it.
    expect(openNote(cosigned, [log.verifier]).unverified).toHaveLength(2);
    expectCode(() => verifyCosignatures(cosigned, [w1.verifier], 2), 'XP_LOG_WITNESS');
    expectCode(() => verifyCosignatures(signed, [w1.verifier], 1), 'XP_LOG_WITNESS');
    verifyCosignatures(signed, [w1.verifier], 0);
  });
  it('a cosignature does not verify for another checkpoint, timestamp or key type', () => {
    const w = generateCosignerKey('w');
    const line = cosignCheckpoint(body, 1700000000, w);
    const other = formatCheckpoint({ origin: 'example.com/log', size: 6, rootHash: new Uint8Array(32).fill(3) });
    expectCode(() => verifyCosignatures(`${other}\n${line}`, [w.verifier], 1), 'XP_LOG_WITNESS');
    expectCode(() => openNote(`${other}\n${line}`, [w.verifier]), 'XP_NOTE_SIGNATURE_INVALID');
    // Tamper with the timestamp bytes: signature covers the time line.
    const raw = Uint8Array.from(atob(line.split(' ')[2]!.trim()), (c) => c.charCodeAt(0));
    raw[11]! ^= 1;
    const tampered = `— w ${btoa(String.fromCharCode(...raw))}\n`;
    expectCode(() => openNote(`${body}\n${tampered}`, [w.verifier]), 'XP_NOTE_SIGNATURE_INVALID');
    // An Ed25519 note key (0x01) is not a cosigner key (0x04), and vice versa.
    expectCode(() => parseCosignatureVerifierKey(generateNoteKey('w').verifierKey), 'XP_NOTE_KEY_MALFORMED');
    expectCode(() => cosignCheckpoint(body, 0, w), 'XP_COSIGNATURE_MALFORMED');
  });
  it('signer keys round-trip and reject mangling', () => {
    const w = generateCosignerKey('witness.example/w1', new Uint8Array(32).fill(1));
    const again = parseCosignerSignerKey(w.signerKey);
    expect(again.verifierKey).toBe(w.verifierKey);
    expectCode(() => parseCosignerSignerKey(w.signerKey.replace('+KEY+', '+KEX+')), 'XP_NOTE_KEY_MALFORMED');
    expectCode(() => parseCosignerSignerKey(generateNoteKey('w').signerKey), 'XP_NOTE_KEY_MALFORMED');
    expectCode(() => generateCosignerKey('bad name'), 'XP_NOTE_KEY_MALFORMED');
  });
});
