/**
 * `xprov`: one program, one file per verb under ./commands. Each command module exports
 * `register(program)`. Exit codes: 0 ok, 1 a refused operation (with its code), 2 usage or I/O.
 */
import { Command, CommanderError } from 'commander';
import { isXprovError } from '@xprov/format';
import { EXIT_USAGE, EXIT_REFUSED, exitCodeFor } from './exit.js';
import { registerAll } from './commands/index.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('xprov')
    .description('Execution provenance for autonomous agents: keys, grants, logs, verification.')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // Commander's own usage errors ("error: required option …") in the one xprov error form.
      outputError: (s, write) => write(`xprov: XP_USAGE: ${s.replace(/^error: /, '')}`),
    });
  registerAll(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      if (e.exitCode === 0) return 0;
      return EXIT_USAGE;
    }
    if (isXprovError(e)) {
      process.stderr.write(`xprov: ${e.code}: ${e.message}\n`);
      return exitCodeFor(e.code);
    }
    process.stderr.write(`xprov: XP_INTERNAL: ${(e as Error)?.message ?? String(e)}\n`);
    return EXIT_REFUSED;
  }
}
