/**
 * A C2SP tlog-witness (`POST /add-checkpoint`): a thin shell around @xprov/log-core's
 * `decideAddCheckpoint`. The latest cosigned checkpoint per origin lives in SQLite; reading
 * it, deciding and storing the new one happen in one synchronous transaction, so two racing
 * requests cannot roll the witness back (tlog-witness §add-checkpoint). The request body is
 * attacker-controlled; the log keys come from the operator.
 *
 * Data directory: `witness.db`, `witness.key` (0600, cosignature/v1 signer key), `witness.vkey`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  type CosignerKey,
  cosignCheckpoint,
  decideAddCheckpoint,
  generateCosignerKey,
  type NoteVerifier,
  parseCosignerSignerKey,
  parseVerifierKey,
  type WitnessDecision,
  type WitnessState,
} from '@xprov/log-core';
import { XprovError } from '@xprov/format';
import { errorResponse } from './http-errors.js';
import { ensureDir } from './keys.js';
import { listen, type RunningServer } from './server.js';

export interface WitnessAppOptions {
  dataDir: string;
  /** Verifier keys of the logs this witness cosigns (`name+hex8+base64(0x01‖pub)`, name = origin). */
  logVkeys: string[];
  /** Witness key name (default `localhost/xprov-witness`). */
  name?: string;
  now?: () => number;
}

export interface WitnessApp {
  app: Hono;
  verifierKey: string;
  close(): void;
}

/** Largest add-checkpoint body: 63 proof lines, a checkpoint and up to 100 signature lines. */
const MAX_BODY = 64 * 1024;

export function createWitnessApp(o: WitnessAppOptions): WitnessApp {
  ensureDir(o.dataDir);
  const key = loadOrCreateCosignerKey(o.dataDir, o.name ?? 'localhost/xprov-witness');
  const logs = new Map<string, NoteVerifier[]>();
  for (const v of o.logVkeys) {
    const k = parseVerifierKey(v);
    logs.set(k.name, [...(logs.get(k.name) ?? []), k]);
  }
  const db = new Database(join(o.dataDir, 'witness.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS logs (origin TEXT PRIMARY KEY, size INTEGER NOT NULL, root BLOB NOT NULL)');
  const get = db.prepare('SELECT size, root FROM logs WHERE origin = ?');
  const put = db.prepare(
    'INSERT INTO logs (origin, size, root) VALUES (?, ?, ?) ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root',
  );
  const now = o.now ?? (() => Math.floor(Date.now() / 1000));

  const decideAndStore = db.transaction((body: Uint8Array): WitnessDecision => {
    const d = decideAddCheckpoint(
      body,
      (origin) => logs.get(origin),
      (origin): WitnessState | undefined => {
        const row = get.get(origin) as { size: number; root: Buffer } | undefined;
        return row && { size: row.size, rootHash: new Uint8Array(row.root) };
      },
    );
    if (d.status === 200) put.run(d.origin, d.newState.size, Buffer.from(d.newState.rootHash));
    return d;
  });

  const app = new Hono();
  app.onError((e, c) => errorResponse(c, e));
  app.post(
    '/add-checkpoint',
    bodyLimit({
      maxSize: MAX_BODY,
      onError: () => {
        throw new XprovError('XP_BODY_TOO_LARGE', 'add-checkpoint body too large');
      },
    }),
    async (c) => {
      const d = decideAndStore(new Uint8Array(await c.req.arrayBuffer()));
      if (d.status !== 200) {
        if (d.body !== undefined) return c.body(d.body, d.status, { 'content-type': d.contentType ?? 'text/plain' });
        return c.json({ error: { code: d.code, message: d.message } }, d.status);
      }
      return c.body(cosignCheckpoint(d.checkpointText, now(), key), 200, {
        'content-type': 'text/plain; charset=utf-8',
      });
    },
  );
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  return { app, verifierKey: key.verifierKey, close: () => db.close() };
}

function loadOrCreateCosignerKey(dir: string, name: string): CosignerKey {
  const path = join(dir, 'witness.key');
  let key: CosignerKey;
  if (existsSync(path)) key = parseCosignerSignerKey(readFileSync(path, 'utf8').trim());
  else {
    key = generateCosignerKey(name);
    writeFileSync(path, `${key.signerKey}\n`, { mode: 0o600, flag: 'wx' });
  }
  writeFileSync(join(dir, 'witness.vkey'), `${key.verifierKey}\n`, { mode: 0o644 });
  return key;
}

export interface WitnessServerOptions extends WitnessAppOptions {
  port: number;
  host?: string;
}

export async function startWitnessServer(o: WitnessServerOptions): Promise<RunningServer & { verifierKey: string }> {
  const w = createWitnessApp(o);
  const server = await listen(w.app.fetch, o.port, o.host ?? '127.0.0.1');
  return {
    ...server,
    verifierKey: w.verifierKey,
    close: async () => {
      await server.close();
      w.close();
    },
  };
}
