/**
 * `xprov verify-credential FILE…` (spec/cli.md §4.5): offline check of credentials signed by
 * did:key issuers — each Data Integrity proof (either eddsa suite, purpose assertionMethod,
 * key controlled by the issuer) and, when several files are given (root first), that each
 * grant is a valid delegation of the one before (DESIGN §2.1 attenuation). Not the bundle
 * verifier (`xprov-verify`): no trust file, no status, no log. Every file is attacker input.
 */
import type { Command } from 'commander';
import { resolveDidKeyVerificationMethod, verifyProof } from '@xprov/crypto';
import { checkAttenuation, parseGrant, XprovError } from '@xprov/format';
import { printJson, readJsonFile } from '../io.js';

export function register(program: Command): void {
  program
    .command('verify-credential')
    .description('verify credentials signed by did:key issuers; several grants (root first) are checked as a chain')
    .argument('<files...>', 'signed credential files, root first')
    .action(async (files: string[]) => {
      const docs = files.map((f) => readJsonFile(f, 'credential'));
      const credentials: Array<Record<string, unknown>> = [];
      for (const [i, doc] of docs.entries()) {
        const r = await verifyProof(doc, {
          resolveVerificationMethod: resolveDidKeyVerificationMethod,
          expectedProofPurpose: 'assertionMethod',
        });
        if (!r.verified) throw new XprovError(r.code, `${files[i]}: ${r.message}`);
        const id = (doc as { id?: unknown }).id;
        credentials.push({ file: files[i], id, controller: r.controller, cryptosuite: r.cryptosuite });
      }
      if (docs.length > 1) {
        const grants = docs.map((d) => parseGrant(d));
        for (let i = 1; i < grants.length; i++) {
          const failure = checkAttenuation(grants[i - 1]!, grants[i]!)[0];
          if (failure) throw new XprovError(failure.code, `${files[i]}: ${failure.message}`, { details: failure });
        }
      }
      printJson({ verified: true, chain: docs.length > 1, credentials });
    });
}
