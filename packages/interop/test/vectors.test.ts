import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type InteropVector, generateInteropVectors, runInteropVector, serializeInteropVector } from '../src/index.js';
import { VECTORS_DIR } from './fixtures.js';

const INTEROP_DIR = fileURLToPath(new URL('../../../test-vectors/interop/', import.meta.url));
const files = ['sigstore', 'scitt'].flatMap((kind) =>
  readdirSync(`${INTEROP_DIR}${kind}`)
    .filter((f) => f.endsWith('.json'))
    .map((f) => `${kind}/${f}`),
);
const committed = new Map(files.map((f) => [f, readFileSync(`${INTEROP_DIR}${f}`, 'utf8')]));

describe('test-vectors/interop', () => {
  it('covers valid and tampered exports of both kinds, and every interop verification code', () => {
    const vectors = [...committed.values()].map((t) => JSON.parse(t) as InteropVector);
    for (const kind of ['sigstore', 'scitt']) {
      const mine = vectors.filter((v) => v.kind === kind);
      expect(mine.some((v) => v.expected.verdict === 'valid')).toBe(true);
      expect(mine.some((v) => v.expected.verdict === 'invalid')).toBe(true);
    }
    const codes = new Set(vectors.flatMap((v) => v.expected.codes));
    for (const c of ['XP_ATTESTATION_SIGNATURE', 'XP_ATTESTATION_KEY_UNTRUSTED', 'XP_ATTESTATION_MISMATCH', 'XP_ATTESTATION_MALFORMED', 'XP_SCITT_SIGNATURE', 'XP_SCITT_UNTRUSTED', 'XP_LOG_CHECKPOINT_SIGNATURE']) {
      expect(codes).toContain(c);
    }
  });

  for (const [file, text] of committed) {
    it(`${file} gives its expected result`, async () => {
      const v = JSON.parse(text) as InteropVector;
      expect(await runInteropVector(v)).toEqual(v.expected);
    });
  }

  it('regenerating gives the committed files byte for byte', async () => {
    const get = (id: string) => JSON.parse(readFileSync(`${VECTORS_DIR}${id}.json`, 'utf8'));
    const fresh = await generateInteropVectors(get);
    expect(new Set(fresh.map((v) => `${v.kind}/${v.id}.json`))).toEqual(new Set(committed.keys()));
    for (const v of fresh) expect(serializeInteropVector(v), v.id).toBe(committed.get(`${v.kind}/${v.id}.json`));
  });
});
