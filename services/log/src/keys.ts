/**
 * Key material in the data directory (spec/log-service.md §Keys). Secret files are created with
 * mode 0600 and never logged; an existing key file is reused, so restarts keep the log identity.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XprovError } from '@xprov/format';
import { generateNoteKey, type NoteKey, parseSignerKey } from '@xprov/log-core';
import { generateApiKey, hashApiKey } from './auth.js';

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

function writeSecret(path: string, text: string): void {
  // `wx`: never overwrite a key file another start created in between.
  writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
}

/**
 * Loads `DIR/<base>.key` (a C2SP signer key) or creates it for `name`, and writes the public
 * verifier key to `DIR/<base>.vkey`. A stored key for another name is refused.
 */
export function loadOrCreateNoteKey(dir: string, base: string, name: string): NoteKey {
  ensureDir(dir);
  const keyPath = join(dir, `${base}.key`);
  let key: NoteKey;
  if (existsSync(keyPath)) {
    key = parseSignerKey(readFileSync(keyPath, 'utf8').trim());
    if (key.name !== name) {
      throw new XprovError('XP_LOG_KEY_MISMATCH', `${keyPath} holds a key for ${key.name}, not ${name}`);
    }
  } else {
    key = generateNoteKey(name);
    writeSecret(keyPath, `${key.signerKey}\n`);
  }
  writeFileSync(join(dir, `${base}.vkey`), `${key.verifierKey}\n`, { mode: 0o644 });
  return key;
}

/**
 * The SHA-256 of the write API key: from `XPROV_LOG_API_KEY` if set, else from `DIR/log-api-key`,
 * generated (0600) on first start. Only the hash stays in memory.
 */
export function loadApiKeyHash(dir: string, fromEnv: string | undefined): Uint8Array {
  if (fromEnv !== undefined && fromEnv !== '') return hashApiKey(fromEnv);
  ensureDir(dir);
  const path = join(dir, 'log-api-key');
  if (!existsSync(path)) writeSecret(path, `${generateApiKey()}\n`);
  return hashApiKey(readFileSync(path, 'utf8').trim());
}
