/**
 * §13.3–13.4: a bad signature of a trusted log or witness key fails, with the verifier's default
 * Ed25519 (@xprov/crypto's backend) as with an injected one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../src/index.js';

const vector = JSON.parse(readFileSync(join(import.meta.dirname, '../../../test-vectors/vectors/valid-witnessed.json'), 'utf8'));

/** Flips one bit inside the signature of the note's `index`-th signature line (canonical base64 kept). */
function flipSignature(note: string, index: number): string {
  const split = note.lastIndexOf('\n\n');
  const lines = note.slice(split + 2).split('\n');
  const line = lines[index]!;
  const b64 = line.slice(line.lastIndexOf(' ') + 1);
  const bytes = Buffer.from(b64, 'base64');
  bytes[10]! ^= 0x01; // inside the Ed25519 signature (after the 4-byte key id, and a cosignature's 8-byte time)
  lines[index] = `${line.slice(0, line.lastIndexOf(' ') + 1)}${bytes.toString('base64')}`;
  return `${note.slice(0, split + 2)}${lines.join('\n')}`;
}

function withCheckpoint(edit: (note: string) => string) {
  const bundle = structuredClone(vector.bundle);
  for (const r of bundle.receipts) r.checkpoint = edit(r.checkpoint);
  return bundle;
}

const failing = async (bundle: unknown, options = {}) =>
  (await verifyBundle(bundle, vector.trust, options)).checks.filter((c) => !c.ok).map((c) => c.code);

describe('checkpoint and cosignature signatures', () => {
  it('the valid vector is valid with the default and with an injected verify', async () => {
    expect((await verifyBundle(vector.bundle, vector.trust)).verdict).toBe('valid');
    expect((await verifyBundle(vector.bundle, vector.trust, { verifyEd25519: () => true })).verdict).toBe('valid');
  });

  it("a flipped bit in the log's signature is XP_LOG_CHECKPOINT_SIGNATURE", async () => {
    const bundle = withCheckpoint((n) => flipSignature(n, 0));
    expect(new Set(await failing(bundle))).toEqual(new Set(['XP_LOG_CHECKPOINT_SIGNATURE']));
  });

  it("a flipped bit in a witness's cosignature leaves too few witnesses (XP_LOG_WITNESS)", async () => {
    const bundle = withCheckpoint((n) => flipSignature(n, 1));
    expect(new Set(await failing(bundle))).toEqual(new Set(['XP_LOG_WITNESS']));
  });
});
