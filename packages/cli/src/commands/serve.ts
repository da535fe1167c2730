/**
 * `xprov serve --data DIR [--port P]` (DESIGN §5, §6): the governor, the transparency log and
 * one witness in one process, each with embedded SQLite under DIR, on 127.0.0.1. Dev keys are
 * generated on first start (governor.key, log.key, witness.key, all 0600); the admin API key is
 * written once to DIR/governor/admin-api-key (0600) and copied to DIR/admin-api-key. The log's
 * API key stays inside the process (DIR/log/log-api-key, 0600). DIR/trust.json names the
 * governor, the log and the witness (authorities are added by whoever trusts them).
 *
 * Ports: the governor on P (default 8080), the log on P+1, the witness on P+2; with P = 0 all
 * three take free ports.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { XprovError } from '@xprov/format';
import { type RunningIssuer, startIssuerServer } from '@xprov/issuer';
import { loadOrCreateNoteKey, type RunningLog, startLogServer, startWitnessServer } from '@xprov/log';
import { consolePort, startServeConsole } from './serve-console.js';

export const LOG_ORIGIN = 'localhost/xprov-log';

export interface Embedded {
  governor: RunningIssuer;
  log: RunningLog;
  witness: { url: string; verifierKey: string; close(): Promise<void> };
  adminApiKey: string;
  trust: Record<string, unknown>;
  close(): Promise<void>;
}

function secret(file: string, make: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return value;
}

/** Starts witness → log (cosigned by the witness) → governor, all on loopback. */
export async function startEmbedded(o: { dataDir: string; port?: number; batchDelayMs?: number; tlsCert?: string; tlsKey?: string }): Promise<Embedded> {
  const base = o.port ?? 8080;
  const at = (n: number) => (base === 0 ? 0 : base + n);
  mkdirSync(join(o.dataDir, 'log'), { recursive: true, mode: 0o700 });
  mkdirSync(join(o.dataDir, 'witness'), { recursive: true, mode: 0o700 });
  // The witness must know the log's key before the log asks it to cosign.
  const logKey = loadOrCreateNoteKey(join(o.dataDir, 'log'), 'log', LOG_ORIGIN);
  const witness = await startWitnessServer({ dataDir: join(o.dataDir, 'witness'), logVkeys: [logKey.verifierKey], port: at(2) });
  const logApiKey = secret(join(o.dataDir, 'log', 'log-api-key'), () => `xplog_${crypto.randomUUID()}${crypto.randomUUID()}`);
  const log = await startLogServer({
    dataDir: join(o.dataDir, 'log'),
    port: at(1),
    origin: LOG_ORIGIN,
    apiKey: logApiKey,
    witnesses: [{ url: witness.url, vkey: witness.verifierKey }],
    threshold: 1,
    ...(o.batchDelayMs === undefined ? {} : { batchDelayMs: o.batchDelayMs }),
  });
  // --tls-cert/--tls-key: the governor (VC-API, W3C suites) over HTTPS; log and witness stay on loopback HTTP.
  const tls = o.tlsCert === undefined || o.tlsKey === undefined ? {} : { tlsCert: o.tlsCert, tlsKey: o.tlsKey };
  const governor = await startIssuerServer({ dataDir: join(o.dataDir, 'governor'), port: at(0), logUrl: log.url, logApiKey, ...tls });
  const adminFile = join(o.dataDir, 'admin-api-key');
  if (governor.adminApiKey !== undefined || !existsSync(adminFile)) copyFileSync(join(o.dataDir, 'governor', 'admin-api-key'), adminFile);
  const adminApiKey = readFileSync(adminFile, 'utf8').trim();
  const trust = {
    version: 1,
    authorities: [] as string[],
    governors: [governor.governor.did],
    logs: [{ origin: LOG_ORIGIN, vkey: log.verifierKey }],
    witnesses: { keys: [witness.verifierKey], threshold: 1 },
    allowedCryptosuites: ['eddsa-jcs-2022', 'eddsa-rdfc-2022'],
    maxClockSkewSeconds: 60,
  };
  writeFileSync(join(o.dataDir, 'trust.json'), `${JSON.stringify(trust, null, 2)}\n`);
  return {
    governor,
    log,
    witness,
    adminApiKey,
    trust,
    close: async () => {
      await governor.close();
      await log.close();
      await witness.close();
    },
  };
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the governor, the log and a witness on 127.0.0.1 with embedded storage')
    .requiredOption('--data <dir>', 'data directory (keys, SQLite databases, admin-api-key, trust.json)')
    .option('--port <port>', 'governor port; the log takes P+1 and the witness P+2 (0: free ports)', '8080')
    .option('--tls-cert <file>', 'serve the governor over HTTPS with this PEM certificate (with --tls-key)')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert')
    .option('--console-port <port>', 'the web console (proof viewer, lineage, health); default P+3, `off` for none')
    .action(async (opts: { data: string; port: string; tlsCert?: string; tlsKey?: string; consolePort?: string }) => {
      if (!/^\d{1,5}$/.test(opts.port) || Number(opts.port) > 65533) throw new XprovError('XP_USAGE', '--port must be 0..65533');
      if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new XprovError('XP_USAGE', '--tls-cert and --tls-key go together');
      const tls = opts.tlsCert === undefined || opts.tlsKey === undefined ? {} : { tlsCert: opts.tlsCert, tlsKey: opts.tlsKey };
      const cPort = consolePort(opts.consolePort, Number(opts.port));
      const e = await startEmbedded({ dataDir: opts.data, port: Number(opts.port), ...tls });
      const web = cPort === undefined ? undefined : await startServeConsole(e, cPort);
      process.stdout.write(
        [
          `governor  ${e.governor.url}  (${e.governor.governor.did})`,
          `vc-api    issuer ${e.governor.vcApiIssuer}`,
          `log       ${e.log.url}  (${LOG_ORIGIN})`,
          `witness   ${e.witness.url}`,
          ...(web ? [`console   ${web.url}/`] : []),
          `admin key ${join(opts.data, 'admin-api-key')}`,
          `trust     ${join(opts.data, 'trust.json')}`,
          '',
        ].join('\n'),
      );
      const stop = () => {
        Promise.all([web?.close(), e.close()]).then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => {});
    });
}
