/** Key files (spec/cli.md §3): Multikey JSON with the secret as `secretKeyMultibase` or `privateKeyMultibase`. */
import { type Ed25519KeyPair, didKeyFromPublicKey, keyPairFromJson } from '@xprov/crypto';
import { XprovError } from '@xprov/format';
import { readText } from './io.js';

export interface LoadedKey {
  pair: Ed25519KeyPair;
  did: string;
  verificationMethod: string;
}

/** Reads and checks a key file: `XP_IO` if unreadable, `XP_KEY_INVALID` if not a valid Ed25519 Multikey. */
export function loadKey(path: string): LoadedKey {
  const text = readText(path, 'key file');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new XprovError('XP_KEY_INVALID', `key file ${path} is not JSON`);
  }
  const pair = keyPairFromJson(json);
  const { did, verificationMethod } = didKeyFromPublicKey(pair.publicKeyMultibase);
  return { pair, did, verificationMethod };
}
