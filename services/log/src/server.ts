/**
 * `startLogServer`: the log on a data directory, served over HTTP (@hono/node-server).
 * Data directory: `log.db` (SQLite), `log.key` (0600), `log.vkey`, `log-api-key` (0600).
 */
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { XprovError } from '@xprov/format';
import { createLogApp } from './app.js';
import { ensureDir, loadApiKeyHash, loadOrCreateNoteKey } from './keys.js';
import { LogService } from './log-service.js';
import { SqliteLogStore } from './sqlite-store.js';
import { noteCheckpointSigner } from './tree.js';
import { type WitnessTarget, witnessPublisher } from './witness-client.js';

export interface LogServerOptions {
  dataDir: string;
  port: number;
  /** 127.0.0.1 unless given. */
  host?: string;
  /** Checkpoint origin and note key name (default `localhost/xprov-log`). */
  origin?: string;
  witnesses?: WitnessTarget[];
  /** Cosignatures needed to publish a checkpoint (default: all witnesses). */
  threshold?: number;
  apiKey?: string;
  batchSize?: number;
  batchDelayMs?: number;
  synchronous?: 'FULL' | 'NORMAL';
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface RunningLog extends RunningServer {
  log: LogService;
  verifierKey: string;
}

export async function startLogServer(o: LogServerOptions): Promise<RunningLog> {
  const origin = o.origin ?? 'localhost/xprov-log';
  ensureDir(o.dataDir);
  const store = new SqliteLogStore(join(o.dataDir, 'log.db'), { synchronous: o.synchronous ?? 'FULL' });
  const stored = store.getMeta('origin');
  if (stored !== undefined && stored !== origin) {
    await store.close();
    throw new XprovError('XP_LOG_ORIGIN_MISMATCH', `${o.dataDir} holds the log ${stored}, not ${origin}`);
  }
  if (stored === undefined) await store.setMeta('origin', origin);
  const key = loadOrCreateNoteKey(o.dataDir, 'log', origin);
  const apiKeyHash = loadApiKeyHash(o.dataDir, o.apiKey ?? process.env['XPROV_LOG_API_KEY']);
  const witnesses = o.witnesses ?? [];
  const log = await LogService.open({
    store,
    signer: noteCheckpointSigner(key, origin),
    batchSize: o.batchSize,
    batchDelayMs: o.batchDelayMs,
    publisher:
      witnesses.length === 0
        ? undefined
        : witnessPublisher({ witnesses, threshold: o.threshold ?? witnesses.length, store }),
    onError: (e) => process.stderr.write(`xprov log: integration failed: ${(e as Error).message}\n`),
  });
  const app = createLogApp(log, { apiKeyHash });
  const server = await listen(app.fetch, o.port, o.host ?? '127.0.0.1');
  return {
    ...server,
    log,
    verifierKey: key.verifierKey,
    close: async () => {
      await server.close();
      await log.close();
    },
  };
}

export function listen(
  fetch: (req: Request) => Response | Promise<Response>,
  port: number,
  host: string,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host }, (info) => {
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((res) => {
            server.close(() => res());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}
