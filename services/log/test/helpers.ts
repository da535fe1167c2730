import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNoteKey, type NoteKey } from '@xprov/log-core';
import { createLogApp, hashApiKey, LogService, noteCheckpointSigner, SqliteLogStore } from '../src/index.js';

export const ORIGIN = 'example.test/log';
export const API_KEY = 'test-api-key-0123456789';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'xprov-log-'));
}

export function noteKey(): NoteKey {
  return generateNoteKey(ORIGIN, new Uint8Array(32).fill(7));
}

export async function openLog(
  dir = tempDir(),
  opts: Partial<Parameters<typeof LogService.open>[0]> = {},
): Promise<{ log: LogService; app: ReturnType<typeof createLogApp>; key: NoteKey; dir: string }> {
  const key = noteKey();
  const log = await LogService.open({
    store: new SqliteLogStore(join(dir, 'log.db'), { synchronous: 'NORMAL' }),
    signer: noteCheckpointSigner(key, ORIGIN),
    batchDelayMs: 20,
    ...opts,
  });
  return { log, app: createLogApp(log, { apiKeyHash: hashApiKey(API_KEY) }), key, dir };
}

export const auth = { authorization: `Bearer ${API_KEY}` };

/** A distinct entry of `len` bytes (`len` ≥ 8): the index in decimal, padded. */
export function entry(i: number, len = 40): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(`e${i}:`.padEnd(Math.max(len, 8), '.')));
}

export function b64(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}

export function unb64(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'base64'));
}
