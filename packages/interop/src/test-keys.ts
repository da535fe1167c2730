/**
 * The published test keys of test-vectors/ (spec/vectors.md §2): seeds are
 * SHA-256("xprov/test-vectors/v1/seed/" ‖ label), so anyone can re-derive them. Used to export
 * the interop vectors from the committed ProvenanceBundle vectors; never for anything real.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { type Ed25519KeyPair, keyPairFromSecretKey } from '@xprov/crypto';
import { XprovError } from '@xprov/format';
import { type NoteKey, generateNoteKey } from '@xprov/log-core';

const utf8 = new TextEncoder();

export function testSeed(label: string): Uint8Array {
  return sha256(utf8.encode(`xprov/test-vectors/v1/seed/${label}`));
}

/** The vectors' governor key (`did:key` of label `governor`). */
export function testGovernorKey(): Ed25519KeyPair {
  return keyPairFromSecretKey(testSeed('governor'));
}

/**
 * The vectors' log note key for `origin` whose verifier key is `vkey`: the generator takes the
 * first of `log-key/log`, `log-key/log#1`, … (spec/vectors.md), so try them in order.
 */
export function testLogKey(origin: string, vkey: string, label = 'log'): NoteKey {
  for (let i = 0; i < 64; i++) {
    try {
      const key = generateNoteKey(origin, testSeed(i === 0 ? `log-key/${label}` : `log-key/${label}#${i}`));
      if (key.verifierKey === vkey) return key;
    } catch {
      // a seed the generator skipped
    }
  }
  throw new XprovError('XP_KEY_INVALID', `no test log key for ${vkey}`);
}
