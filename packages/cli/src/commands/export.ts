/**
 * `xprov export sigstore|scitt` (spec/attestation.md, spec/scitt.md): a ProvenanceBundle, first
 * verified against the trust file, exported for supply-chain tooling — a Sigstore bundle (v0.3,
 * DSSE, in-toto Statement) signed with the governor's key, or SCITT signed statements with RFC
 * 9942 COSE receipts signed with the log's note key. Refusals: XP_EXPORT_REFUSED (the bundle
 * does not verify; its codes are printed), XP_EXPORT_UNSUPPORTED; files: XP_IO (exit 2).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { XprovError } from '@xprov/format';
import { exportScitt, exportSigstore } from '@xprov/interop';
import { parseSignerKey } from '@xprov/log-core';
import { readJsonFile } from '../io.js';
import { loadKey } from '../keyfile.js';

function write(path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    throw new XprovError('XP_IO', `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** A C2SP signer key file (`PRIVATE+KEY+…`, e.g. DIR/log/log.key of `xprov serve`). */
function loadLogKey(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (e) {
    throw new XprovError('XP_IO', `cannot read log key ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseSignerKey(text);
}

/** Prints the verifier's codes of a refused bundle before the error line. */
async function refusing<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    const details = (e as XprovError).details as { codes?: string[] } | undefined;
    if ((e as XprovError).code === 'XP_EXPORT_REFUSED' && details?.codes) {
      process.stderr.write(`xprov: the bundle fails: ${details.codes.join(', ')}\n`);
    }
    throw e;
  }
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

export function register(program: Command): void {
  const exp = program.command('export').description('export a verified provenance bundle for supply-chain tooling (Sigstore, SCITT)');

  exp
    .command('sigstore')
    .description('a Sigstore bundle v0.3 (DSSE) carrying an in-toto Statement with the xprov execution predicate')
    .argument('<bundle>', 'ProvenanceBundle JSON file')
    .requiredOption('--key <file>', "the governor's Ed25519 Multikey key file (signs the attestation)")
    .requiredOption('--trust <file>', 'trust file: the bundle must verify as valid against it')
    .option('--out <file>', 'write the Sigstore bundle here instead of stdout')
    .action(async (bundlePath: string, o: { key: string; trust: string; out?: string }) => {
      const bundle = readJsonFile(bundlePath, 'bundle');
      const trust = readJsonFile(o.trust, 'trust file');
      const { pair } = loadKey(o.key);
      const out = await refusing(() => exportSigstore(bundle, { keyPair: pair, trust }));
      const text = `${JSON.stringify(out.bundle, null, 2)}\n`;
      if (o.out) write(o.out, text);
      else process.stdout.write(text);
    });

  exp
    .command('scitt')
    .description('each logged credential as a SCITT signed statement (COSE_Sign1) with its RFC 9942 COSE receipt')
    .argument('<bundle>', 'ProvenanceBundle JSON file')
    .requiredOption('--key <file>', "the governor's Ed25519 Multikey key file (signs the statements)")
    .requiredOption('--log-key <file>', "the log's C2SP note signer key file (signs the receipts), e.g. DATA/log/log.key")
    .requiredOption('--trust <file>', 'trust file: the bundle must verify as valid against it')
    .option('--out <dir>', 'write .cose files and index.json here instead of JSON (base64) to stdout')
    .action(async (bundlePath: string, o: { key: string; logKey: string; trust: string; out?: string }) => {
      const bundle = readJsonFile(bundlePath, 'bundle');
      const trust = readJsonFile(o.trust, 'trust file');
      const { pair } = loadKey(o.key);
      const logKey = loadLogKey(o.logKey);
      const entries = await refusing(() => exportScitt(bundle, { keyPair: pair, logKey, trust }));
      if (!o.out) {
        const json = entries.map((e) => ({
          credentialId: e.credentialId,
          type: e.type,
          role: e.role,
          statement: b64(e.statement),
          receipt: b64(e.receipt),
          transparentStatement: b64(e.transparentStatement),
        }));
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      try {
        mkdirSync(o.out, { recursive: true });
      } catch (e) {
        throw new XprovError('XP_IO', `cannot create ${o.out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
      const index = entries.map((e, i) => {
        const base = `${String(i).padStart(2, '0')}-${e.role}`;
        write(join(o.out as string, `${base}.statement.cose`), e.statement);
        write(join(o.out as string, `${base}.receipt.cose`), e.receipt);
        write(join(o.out as string, `${base}.transparent.cose`), e.transparentStatement);
        return {
          credentialId: e.credentialId,
          type: e.type,
          role: e.role,
          statement: `${base}.statement.cose`,
          receipt: `${base}.receipt.cose`,
          transparentStatement: `${base}.transparent.cose`,
        };
      });
      write(join(o.out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
      process.stdout.write(`wrote ${entries.length} signed statements with receipts to ${o.out}\n`);
    });
}
