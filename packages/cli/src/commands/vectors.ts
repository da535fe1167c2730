/**
 * `xprov vectors run [DIR]` and `xprov vectors generate [DIR]` (spec/vectors.md §3): run the
 * test vectors against @xprov/verifier, printing one line per failing vector and then
 * `N passed, N failed` (exit 1 if any failed); or regenerate them deterministically.
 * DIR defaults to the repository's test-vectors/vectors. An unreadable DIR is XP_IO (exit 2).
 */
import type { Command } from 'commander';
import { XprovError } from '@xprov/format';
import { formatResults, loadVectors, runVectors, VECTORS_DIR, writeVectors, xprovVerifier } from '@xprov/test-vectors';

async function io<T>(what: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw new XprovError('XP_IO', `${what}: ${(e as Error)?.message ?? String(e)}`, { cause: e });
  }
}

export function register(program: Command): void {
  const vectors = program.command('vectors').description('the xprov test vectors: run them against the verifier, or regenerate them');

  vectors
    .command('run')
    .description('verify every vector of DIR and compare verdict and failing codes with its expectation')
    .argument('[dir]', 'directory of vector files', VECTORS_DIR)
    .action(async (dir: string) => {
      const list = await io(`cannot read vectors from ${dir}`, () => loadVectors(dir));
      if (list.length === 0) throw new XprovError('XP_IO', `no vectors in ${dir}`);
      const results = await runVectors(list, xprovVerifier);
      process.stdout.write(`${formatResults(results)}\n`);
      process.exitCode = results.every((r) => r.passed) ? 0 : 1;
    });

  vectors
    .command('generate')
    .description('regenerate the vectors (deterministic: byte-identical to the committed ones)')
    .argument('[dir]', 'output directory', VECTORS_DIR)
    .action(async (dir: string) => {
      const n = await io(`cannot write vectors to ${dir}`, () => writeVectors(dir));
      process.stdout.write(`wrote ${n} vectors to ${dir}\n`);
    });
}
