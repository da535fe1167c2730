#!/usr/bin/env node
/**
 * `node dist/cli.js generate [DIR]` and `node dist/cli.js run [DIR]`: the package scripts behind
 * `pnpm --filter @xprov/test-vectors generate|run`. `xprov vectors …` offers the same verbs.
 */
import { writeVectors } from './generate.js';
import { VECTORS_DIR } from './paths.js';
import { formatResults, loadVectors, runVectors } from './run.js';
import { xprovVerifier } from './verifier.js';

const [verb, dir = VECTORS_DIR] = process.argv.slice(2);
if (verb === 'generate') {
  const n = await writeVectors(dir);
  process.stdout.write(`wrote ${n} vectors to ${dir}\n`);
} else if (verb === 'run') {
  const results = await runVectors(await loadVectors(dir), xprovVerifier);
  process.stdout.write(formatResults(results) + '\n');
  process.exitCode = results.every((r) => r.passed) ? 0 : 1;
} else {
  process.stderr.write('usage: cli.js generate|run [DIR]\n');
  process.exitCode = 2;
}
