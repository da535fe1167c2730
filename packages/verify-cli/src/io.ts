/**
 * Reading the two input files (the only file I/O of xprov-verify). A file that cannot be read is
 * XP_IO (exit 2). A trust file that is not JSON is the operator's error (XP_TRUST_INVALID, exit 2);
 * a bundle that is not JSON is "not a bundle" — attacker content — and so verifies as
 * XP_MALFORMED (exit 1): `undefined` is handed to the verifier, which reports it.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from './exit.js';

/** Bundles larger than this are refused before parsing (64 MiB). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

async function readText(path: string, what: string): Promise<string> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError('XP_IO', `cannot read ${what} ${path} (${code})`);
  }
  if (buf.length > MAX_INPUT_BYTES) throw new UsageError('XP_IO', `${what} ${path} is larger than ${MAX_INPUT_BYTES} bytes`);
  return buf.toString('utf8');
}

export async function readTrustFile(path: string): Promise<unknown> {
  const text = await readText(path, 'trust file');
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError('XP_TRUST_INVALID', `trust file ${path} is not JSON`);
  }
}

/** The bundle's JSON value, or `undefined` when the file is not JSON (verified as XP_MALFORMED). */
export async function readBundleFile(path: string): Promise<unknown> {
  const text = await readText(path, 'bundle');
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
