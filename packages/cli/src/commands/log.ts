/**
 * `xprov log serve|checkpoint|inclusion|consistency` (spec/log-service.md §CLI).
 * The client verbs verify everything from the log's signed checkpoint and its tiles, never
 * trusting the server's proof answers; a failed verification exits 1 with its code.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { XprovError } from '@xprov/format';
import {
  fetchCheckpoint,
  parseWitnessFlag,
  startLogServer,
  verifyConsistencyFromTiles,
  verifyInclusionFromTiles,
  type WitnessTarget,
} from '@xprov/log';
import { printJson, readText } from '../io.js';
import { intOption } from '../options.js';

/** `--vkey` takes the verifier key itself or a file holding it (e.g. DIR/log.vkey). */
export function vkeyOption(value: string): string {
  return existsSync(value) ? readFileSync(value, 'utf8').trim() : value.trim();
}

function urlOption(value: string): string {
  if (!/^https?:\/\/[^\s]+$/.test(value)) throw new XprovError('XP_USAGE', 'URL must be http(s)://…');
  return value;
}

/** Keeps the process alive until SIGINT/SIGTERM, then closes the server. */
export function serveUntilSignal(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function register(program: Command): void {
  const log = program.command('log').description('the transparency log: serve it, or verify one from its tiles');

  log
    .command('serve')
    .description('run the log service (C2SP tlog-tiles) on 127.0.0.1')
    .requiredOption('--data <dir>', 'data directory (SQLite, keys)')
    .requiredOption('--port <port>', 'TCP port')
    .option('--origin <name>', 'checkpoint origin and key name', 'localhost/xprov-log')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--witness <url=vkey>', 'witness to collect cosignatures from (repeatable)', collect, [] as string[])
    .option('--witness-threshold <n>', 'cosignatures needed to publish a checkpoint (default: all)')
    .action(async (o: { data: string; port: string; origin: string; host: string; witness: string[]; witnessThreshold?: string }) => {
      const port = intOption('--port', o.port, 0, 65535);
      const witnesses: WitnessTarget[] = o.witness.map(parseWitnessFlag);
      const threshold =
        o.witnessThreshold === undefined ? witnesses.length : intOption('--witness-threshold', o.witnessThreshold, 1, witnesses.length);
      const s = await startLogServer({ dataDir: o.data, port, host: o.host, origin: o.origin, witnesses, threshold });
      printJson({ url: s.url, origin: o.origin, vkey: s.verifierKey });
      await serveUntilSignal(s.close);
    });

  log
    .command('checkpoint')
    .description("fetch the log's checkpoint and verify its signature")
    .argument('<url>', 'log URL prefix')
    .requiredOption('--vkey <vkey>', 'log verifier key, or a file holding it')
    .action(async (url: string, o: { vkey: string }) => {
      const cp = await fetchCheckpoint(urlOption(url), vkeyOption(o.vkey));
      process.stdout.write(cp.text);
    });

  log
    .command('inclusion')
    .description('fetch entry INDEX and prove its inclusion from the tiles')
    .argument('<url>', 'log URL prefix')
    .requiredOption('--index <i>', 'entry index')
    .requiredOption('--vkey <vkey>', 'log verifier key, or a file holding it')
    .action(async (url: string, o: { index: string; vkey: string }) => {
      const index = intOption('--index', o.index, 0, Number.MAX_SAFE_INTEGER);
      printJson(await verifyInclusionFromTiles(urlOption(url), index, vkeyOption(o.vkey)));
    });

  log
    .command('consistency')
    .description('prove from the tiles that the current tree extends the tree of size M')
    .argument('<url>', 'log URL prefix')
    .requiredOption('--from <m>', 'older tree size')
    .requiredOption('--vkey <vkey>', 'log verifier key, or a file holding it')
    .option('--old <file>', 'the signed checkpoint of size M seen earlier (else its root is recomputed from the tiles)')
    .action(async (url: string, o: { from: string; vkey: string; old?: string }) => {
      const from = intOption('--from', o.from, 1, Number.MAX_SAFE_INTEGER);
      const old = o.old === undefined ? undefined : readText(o.old, 'old checkpoint');
      printJson(await verifyConsistencyFromTiles(urlOption(url), from, vkeyOption(o.vkey), old));
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
