import { describe, expect, it } from 'vitest';
import {
  base64Encode,
  formatCheckpoint,
  generateNoteKey,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
} from '../src/index.js';
import { expectCode } from './helpers.js';

// The C2SP tlog-checkpoint spec's example body.
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

describe('tlog-checkpoint', () => {
  it('parses and re-formats the spec example exactly', () => {
    const cp = parseCheckpoint(SPEC_BODY);
    expect(cp.origin).toBe('example.com/behind-the-sofa');
    expect(cp.size).toBe(20852163);
    expect(base64Encode(cp.rootHash)).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(formatCheckpoint(cp)).toBe(SPEC_BODY);
    const ext = parseCheckpoint(`${SPEC_BODY}ext one\n`);
    expect(ext.extensions).toEqual(['ext one']);
    expect(formatCheckpoint(ext)).toBe(`${SPEC_BODY}ext one\n`);
  });
  it('rejects malformed checkpoints', () => {
    for (const t of [
      SPEC_BODY.slice(0, -1),
      'o\n1\n',
      '\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
      'o\n01\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
      'o\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
      'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n',
      'o\n1\nAAAA\n',
      `${SPEC_BODY}\n`,
      'o\n1 \nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
      'o\t\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    ]) {
      expectCode(() => parseCheckpoint(t), 'XP_CHECKPOINT_MALFORMED');
    }
    expectCode(() => formatCheckpoint({ origin: '', size: 1, rootHash: new Uint8Array(32) }), 'XP_CHECKPOINT_MALFORMED');
    expectCode(() => formatCheckpoint({ origin: 'o', size: 1.5, rootHash: new Uint8Array(32) }), 'XP_CHECKPOINT_MALFORMED');
    expectCode(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: new Uint8Array(31) }), 'XP_CHECKPOINT_MALFORMED');
    expectCode(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: new Uint8Array(32), extensions: [''] }), 'XP_CHECKPOINT_MALFORMED');
  });
  it('signs and opens, with origin and signature checks', () => {
    const log = generateNoteKey('example.com/log');
    const other = generateNoteKey('example.com/log');
    const note = signCheckpoint({ origin: 'example.com/log', size: 3, rootHash: new Uint8Array(32).fill(9) }, [log.signer]);
    const { checkpoint } = openCheckpoint(note, { verifiers: [log.verifier], origin: 'example.com/log' });
    expect(checkpoint.size).toBe(3);
    expectCode(() => openCheckpoint(note, { verifiers: [other.verifier] }), 'XP_LOG_CHECKPOINT_SIGNATURE');
    expectCode(() => openCheckpoint(note, { verifiers: [log.verifier], origin: 'example.com/other' }), 'XP_LOG_UNTRUSTED');
    expectCode(() => openCheckpoint(note.replace('\n3\n', '\n4\n'), { verifiers: [log.verifier] }), 'XP_LOG_CHECKPOINT_SIGNATURE');
    expectCode(() => openCheckpoint(note.slice(0, -1), { verifiers: [log.verifier] }), 'XP_NOTE_MALFORMED');
    const badBody = signCheckpoint({ origin: 'o', size: 1, rootHash: new Uint8Array(32) }, [log.signer]).replace(/^o\n1\n/, 'o\n1\n');
    expect(openCheckpoint(badBody, { verifiers: [log.verifier] }).checkpoint.origin).toBe('o');
  });
});
