/**
 * Reading the two input files (the only file I/O of xprov-verify). A file that cannot be read is
 * XP_IO (exit 2). A trust file that is not JSON is the operator's error (XP_TRUST_INVALID, exit 2);
 * a bundle that is not JSON is "not a bundle" — attacker content — and so verifies as
 * XP_MALFORMED (exit 1): `undefined` is handed to the verifier, which reports it. Both are read
 * strictly (strict-json.ts): UTF-8 and no duplicate member names (spec/cli-verify.md §2a).
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from './exit.js';
import { decodeUtf8, parseStrictJson } from '@xprov/verifier';

/** Bundles larger than this are refused before parsing (64 MiB). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

async function readBytes(path: string, what: string): Promise<Uint8Array> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError('XP_IO', `cannot read ${what} ${path} (${code})`);
  }
  if (buf.length > MAX_INPUT_BYTES) throw new UsageError('XP_IO', `${what} ${path} is larger than ${MAX_INPUT_BYTES} bytes`);
  return buf;
}

/** Strict JSON of a file's bytes, or undefined when they are not (spec/cli-verify.md §2a). */
function strictJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parseStrictJson(decodeUtf8(bytes)) };
  } catch {
    return { ok: false };
  }
}

export async function readTrustFile(path: string): Promise<unknown> {
  const parsed = strictJson(await readBytes(path, 'trust file'));
  if (!parsed.ok) throw new UsageError('XP_TRUST_INVALID', `trust file ${path} is not JSON (UTF-8, no duplicate member names)`);
  return parsed.value;
}

/** The bundle's JSON value, or `undefined` when the file is not strict JSON (verified as XP_MALFORMED). */
export async function readBundleFile(path: string): Promise<unknown> {
  const parsed = strictJson(await readBytes(path, 'bundle'));
  return parsed.ok ? parsed.value : undefined;
}
