/**
 * `xprov-verify BUNDLE --trust TRUST [--json] [--online]` (DESIGN §5, spec/cli-verify.md): the
 * standalone offline verifier. Exit 0 valid, 1 invalid, 3 inconclusive, 2 usage or I/O error.
 * Without --online it makes no network request at all (no fetch is even handed to the verifier).
 */
import { Command, CommanderError } from 'commander';
import { createResolver, resolveDid } from '@xprov/did';
import { type VerifyOptions, failingCodes, verifyBundle } from '@xprov/verifier';
import { EXIT_USAGE, UsageError, exitCodeForVerdict } from './exit.js';
import { readBundleFile, readTrustFile } from './io.js';
import { renderReport } from './report.js';
import { runSigstore } from './sigstore.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const defaultIo: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

/** did:web over the network, only with --online: global fetch, 5 s timeout, no redirects. */
function onlineResolver(): NonNullable<VerifyOptions['resolveDid']> {
  const resolver = createResolver({ web: { fetch: globalThis.fetch, timeoutMs: 5000 } });
  return (did) => resolveDid(resolver, did);
}

async function run(bundlePath: string, opts: { trust: string; json?: boolean; online?: boolean }, io: Io): Promise<number> {
  const trust = await readTrustFile(opts.trust);
  const bundle = await readBundleFile(bundlePath);
  // Checkpoint and cosignature signatures: the verifier's default (node:crypto, on the thread pool).
  const options: VerifyOptions = {};
  if (opts.online) options.resolveDid = onlineResolver();
  const result = await verifyBundle(bundle, trust, options);
  if (result.checks.some((c) => c.code === 'XP_TRUST_INVALID' && !c.ok)) {
    throw new UsageError('XP_TRUST_INVALID', result.checks.find((c) => c.code === 'XP_TRUST_INVALID')!.message);
  }
  if (opts.json) io.stdout(`${JSON.stringify({ ...result, codes: failingCodes(result) }, null, 2)}\n`);
  else io.stdout(renderReport(result));
  return exitCodeForVerdict(result.verdict);
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = EXIT_USAGE;
  const program = new Command('xprov-verify')
    .description('Verify an xprov provenance bundle offline against a trust file.')
    .argument('[bundle]', 'the ProvenanceBundle JSON file (with --sigstore: optional, checked against the attestation)')
    .requiredOption('--trust <file>', 'the trust file (JSON)')
    .option('--sigstore <file>', 'verify a Sigstore export of `xprov export sigstore` (spec/attestation.md)')
    .option('--json', 'print the result as JSON')
    .option('--online', 'allow resolving did:web DIDs over the network')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .action(async (bundlePath: string | undefined, opts: { trust: string; json?: boolean; online?: boolean; sigstore?: string }) => {
      if (opts.sigstore !== undefined) code = await runSigstore(opts.sigstore, bundlePath, opts, io);
      else if (bundlePath === undefined) throw new UsageError('XP_USAGE', "missing required argument 'bundle'");
      else code = await run(bundlePath, opts, io);
    });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    if (e instanceof UsageError) {
      io.stderr(`xprov-verify: ${e.code}: ${e.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`xprov-verify: XP_INTERNAL: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
}
