/** `xprov context` (spec/cli.md §4.4): prints the bundled xprov JSON-LD context. */
import type { Command } from 'commander';
import { xprovContext } from '@xprov/format';
import { printJson } from '../io.js';

export function register(program: Command): void {
  program
    .command('context')
    .description('print the xprov JSON-LD context (https://w3id.org/xprov/v1)')
    .action(() => printJson(xprovContext));
}
