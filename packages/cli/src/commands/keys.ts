/**
 * `xprov keys new [--out FILE]` and `xprov keys did FILE` (spec/cli.md §4.1).
 * With --out the key goes to FILE (mode 0600, never overwritten) and the did:key to stdout;
 * without it the key JSON goes to stdout and the did:key to stderr, so `> file` captures the key.
 */
import type { Command } from 'commander';
import { didKeyFromPublicKey, generateKeyPair } from '@xprov/crypto';
import { printJson, writeSecretFile } from '../io.js';
import { loadKey } from '../keyfile.js';

export function register(program: Command): void {
  const keys = program.command('keys').description('Ed25519 Multikey key pairs and their did:key');

  keys
    .command('new')
    .description('generate a key pair; print its did:key')
    .option('--out <file>', 'write the key to FILE (mode 0600; refuses to overwrite)')
    .action((opts: { out?: string }) => {
      const pair = generateKeyPair();
      const { did, verificationMethod } = didKeyFromPublicKey(pair.publicKeyMultibase);
      const json = {
        type: 'Multikey',
        id: verificationMethod,
        controller: did,
        publicKeyMultibase: pair.publicKeyMultibase,
        secretKeyMultibase: pair.secretKeyMultibase,
      };
      if (opts.out !== undefined) {
        writeSecretFile(opts.out, `${JSON.stringify(json, null, 2)}\n`);
        process.stdout.write(`${did}\n`);
      } else {
        printJson(json);
        process.stderr.write(`${did}\n`);
      }
    });

  keys
    .command('did')
    .description("print the did:key of a key file's key")
    .argument('<file>', 'key file')
    .action((file: string) => {
      process.stdout.write(`${loadKey(file).did}\n`);
    });
}
