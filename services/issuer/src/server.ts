/**
 * `startIssuerServer`: the governor on a data directory, over HTTP (@hono/node-server).
 * Data directory: `governor.key` (0600, the signing key), `governor.db` (SQLite; unless a
 * `databaseUrl` / `DATABASE_URL` selects PostgreSQL), `admin-api-key` (0600, written once when
 * the store has no admin key yet). Keys are never logged.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { didKeyFromPublicKey, type Ed25519KeyPair, generateKeyPair, keyPairFromJson, keyPairToJson } from '@xprov/crypto';
import { createIssuerApp } from './app.js';
import { XprovError } from '@xprov/format';
import { createApiKey } from './auth.js';
import { Governor, type GovernorOptions } from './governor.js';
import { HttpLogClient, type LogClient } from './log-client.js';
import { PgGovernorStore } from './pg-store.js';
import { SqliteGovernorStore } from './sqlite-store.js';
import type { GovernorStore } from './store.js';

export interface IssuerServerOptions {
  dataDir: string;
  port: number;
  host?: string;
  /** The log service, e.g. `http://127.0.0.1:8081`, and its API key; or a ready client. */
  logUrl?: string;
  logApiKey?: string;
  log?: LogClient;
  /** PostgreSQL connection string; default `process.env.DATABASE_URL`; SQLite when neither. */
  databaseUrl?: string;
  /** Public base URL (status lists); default `http://<host>:<port>`. */
  baseUrl?: string;
  governor?: Partial<Omit<GovernorOptions, 'store' | 'log' | 'key' | 'baseUrl'>>;
  /** Serve HTTPS with this PEM certificate (chain) and key (files); both or neither. */
  tlsCert?: string;
  tlsKey?: string;
}

export interface RunningIssuer {
  url: string;
  port: number;
  governor: Governor;
  /** The did:key VC-API issuance signs as (`DIR/vcapi-issuer.key`). */
  vcApiIssuer: string;
  /** The admin key, only when this start created it. */
  adminApiKey?: string;
  close(): Promise<void>;
}

/** Reads `file` as a Multikey JSON key, or creates it with mode 0600. */
export function loadOrCreateKey(file: string): Ed25519KeyPair {
  if (existsSync(file)) return keyPairFromJson(JSON.parse(readFileSync(file, 'utf8')));
  const key = generateKeyPair();
  writeFileSync(file, `${JSON.stringify(keyPairToJson(key), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

export async function openStore(dataDir: string, databaseUrl: string | undefined): Promise<GovernorStore> {
  if (databaseUrl !== undefined && databaseUrl !== '') return PgGovernorStore.connect(databaseUrl);
  const file = join(dataDir, 'governor.db');
  // The store holds authority keys: the file (and its WAL, which inherits the mode) is 0600.
  if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600 });
  return new SqliteGovernorStore(file);
}

export async function startIssuerServer(o: IssuerServerOptions): Promise<RunningIssuer> {
  if ((o.tlsCert === undefined) !== (o.tlsKey === undefined)) throw new XprovError('XP_USAGE', 'TLS needs both a certificate and a key');
  mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  const host = o.host ?? '127.0.0.1';
  const key = loadOrCreateKey(join(o.dataDir, 'governor.key'));
  const store = await openStore(o.dataDir, o.databaseUrl ?? process.env['DATABASE_URL']);
  const log = o.log ?? new HttpLogClient({ url: o.logUrl ?? 'http://127.0.0.1:8081', apiKey: o.logApiKey ?? '' });
  // VC-API issuance signs with its own key, never the governor's (spec/governor.md §VC-API).
  const vcApiKey = loadOrCreateKey(join(o.dataDir, 'vcapi-issuer.key'));
  const tls = o.tlsCert === undefined || o.tlsKey === undefined ? undefined : { cert: readFileSync(o.tlsCert), key: readFileSync(o.tlsKey) };

  // The port is needed for the base URL: listen first, then build the app behind a holder.
  let handler: (req: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const server = await new Promise<{ port: number; close: () => Promise<void> }>((resolve, reject) => {
    const listen = { fetch: (req: Request) => handler(req), port: o.port, hostname: host };
    const onListen = (info: { port: number }) =>
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((res) => {
            s.close(() => res());
            (s as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    const s = tls === undefined ? serve(listen, onListen) : serve({ ...listen, createServer: createHttpsServer, serverOptions: tls }, onListen);
    s.once('error', reject);
  });
  const url = `${tls === undefined ? 'http' : 'https'}://${host}:${server.port}`;
  const governor = new Governor({ policyThread: true, ...o.governor, store, log, key, baseUrl: o.baseUrl ?? url });
  handler = createIssuerApp(governor, { vcApiKey }).fetch;

  let adminApiKey: string | undefined;
  const marker = `${process.pid}-${Date.now()}-${Math.random()}`;
  if ((await store.setMetaIfAbsent('admin-bootstrap', marker)) === marker) {
    adminApiKey = (await createApiKey(store, 'admin', undefined, new Date())).apiKey;
    writeFileSync(join(o.dataDir, 'admin-api-key'), `${adminApiKey}\n`, { mode: 0o600 });
  }
  return {
    url,
    port: server.port,
    governor,
    vcApiIssuer: didKeyFromPublicKey(vcApiKey.publicKeyMultibase).did,
    ...(adminApiKey === undefined ? {} : { adminApiKey }),
    close: async () => {
      await server.close();
      await governor.close();
      if (o.log === undefined) await log.close?.();
      await store.close();
    },
  };
}
