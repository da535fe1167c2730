/** `xprov witness serve` — a C2SP tlog-witness for the given logs (spec/log-service.md §Witness). */
import type { Command } from 'commander';
import { startWitnessServer } from '@xprov/log';
import { printJson } from '../io.js';
import { intOption } from '../options.js';
import { serveUntilSignal, vkeyOption } from './log.js';

export function register(program: Command): void {
  const witness = program.command('witness').description('cosign checkpoints of logs (C2SP tlog-witness)');
  witness
    .command('serve')
    .description('run a witness on 127.0.0.1')
    .requiredOption('--data <dir>', 'data directory (SQLite state, witness key)')
    .requiredOption('--port <port>', 'TCP port')
    .requiredOption('--log-vkey <vkey>', 'verifier key of a log to witness, or a file holding it (repeatable)', collect, [] as string[])
    .option('--name <name>', 'witness key name', 'localhost/xprov-witness')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .action(async (o: { data: string; port: string; logVkey: string[]; name: string; host: string }) => {
      const port = intOption('--port', o.port, 0, 65535);
      const s = await startWitnessServer({
        dataDir: o.data,
        port,
        host: o.host,
        name: o.name,
        logVkeys: o.logVkey.map(vkeyOption),
      });
      printJson({ url: s.url, vkey: s.verifierKey });
      await serveUntilSignal(s.close);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
