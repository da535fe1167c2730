/**
 * `xprov issue --key FILE [--suite S] [--created ISO]` (spec/cli.md §4.2): signs any unsigned
 * VC 2.0 credential read on stdin with the key's did:key (proof purpose assertionMethod). The
 * credential is not changed, except that a missing `issuer` becomes the key's DID. stdin is
 * untrusted: anything but an unsigned VC 2.0 JSON object is refused with `XP_MALFORMED`.
 */
import type { Command } from 'commander';
import { signCredential } from '@xprov/crypto';
import { XprovError } from '@xprov/format';
import { parseJson, printJson, readStdin } from '../io.js';
import { loadKey } from '../keyfile.js';
import { isoOption, nowIso, suiteOption } from '../options.js';

const VC2 = 'https://www.w3.org/ns/credentials/v2';

/** The checks of VC 2.0 §4.3/§4.5 that signing relies on. */
export function checkUnsignedCredential(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new XprovError('XP_MALFORMED', 'stdin is not a JSON object');
  }
  const vc = value as Record<string, unknown>;
  const ctx = vc['@context'];
  if (!Array.isArray(ctx) || ctx[0] !== VC2) throw new XprovError('XP_MALFORMED', `@context must be an array starting with ${VC2}`);
  const types = Array.isArray(vc.type) ? vc.type : [vc.type];
  if (!types.includes('VerifiableCredential')) throw new XprovError('XP_MALFORMED', 'type must include VerifiableCredential');
  if ('proof' in vc) throw new XprovError('XP_MALFORMED', 'the credential is already signed');
  return vc;
}

export function register(program: Command): void {
  program
    .command('issue')
    .description('sign the unsigned VC 2.0 credential on stdin with a key file')
    .requiredOption('--key <file>', 'key file (Multikey JSON)')
    .option('--suite <suite>', 'eddsa-jcs-2022 (default) or eddsa-rdfc-2022')
    .option('--created <iso>', 'proof creation time (default: now, seconds precision)')
    .action(async (opts: { key: string; suite?: string; created?: string }) => {
      const suite = suiteOption(opts.suite);
      const created = opts.created === undefined ? nowIso() : isoOption('--created', opts.created);
      const key = loadKey(opts.key);
      const vc = checkUnsignedCredential(parseJson(await readStdin(), 'stdin'));
      const unsigned = vc.issuer === undefined ? { ...vc, issuer: key.did } : vc;
      printJson(await signCredential(unsigned, { keyPair: key.pair, suite, created }));
    });
}
