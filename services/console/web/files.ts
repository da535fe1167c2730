/**
 * Reading dropped or picked files (attacker-controlled): bounded size, and read as xprov-verify
 * reads its inputs (spec/cli-verify.md §2a) — strict UTF-8 JSON without duplicate member names,
 * with @xprov/verifier's own `parseStrictJson`, so the page and the CLI never see two different
 * values in one text — then a guess of what each file is: a trust file (trust-file.md: `version`
 * with `governors`/`logs`), a test vector carrying both (`bundle` + `trust`, test-vectors/), or
 * else a bundle (the verifier then judges its shape).
 */
import { XprovError } from '@xprov/format';
import type { decodeUtf8, parseStrictJson } from '@xprov/verifier';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type Kind = 'bundle' | 'trust' | 'vector';

export function kindOf(value: unknown): Kind {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'bundle';
  const o = value as Record<string, unknown>;
  if ('bundle' in o && 'trust' in o) return 'vector';
  if ('version' in o && ('governors' in o || 'logs' in o || 'authorities' in o) && !('grants' in o)) return 'trust';
  return 'bundle';
}

/** The strict reader of @xprov/verifier (strict-json.ts); passed in because the page loads it lazily. */
export interface StrictReader {
  decodeUtf8: typeof decodeUtf8;
  parseStrictJson: typeof parseStrictJson;
}

/**
 * The JSON value of a file's bytes. A file that is not strict JSON is `XP_TRUST_INVALID` when it
 * was picked as the trust file, otherwise `XP_MALFORMED` (not a bundle, verification.md 2.1), as
 * in xprov-verify; the message says why (not UTF-8, not JSON, or the duplicated member name).
 */
export function parseFileBytes(name: string, bytes: Uint8Array, role: 'bundle' | 'trust' | undefined, reader: StrictReader): unknown {
  try {
    return reader.parseStrictJson(reader.decodeUtf8(bytes));
  } catch (e) {
    const why = e instanceof SyntaxError ? 'not JSON' : (e as Error).message;
    const code = role === 'trust' ? 'XP_TRUST_INVALID' : 'XP_MALFORMED';
    throw new XprovError(code, `${name} is not strict JSON (${why}): files are read as UTF-8 JSON without duplicate member names`);
  }
}

/** Reads a dropped or picked file: `XP_IO` when larger than MAX_FILE_BYTES, else as parseFileBytes. */
export async function readJson(file: File, role: 'bundle' | 'trust' | undefined, reader: StrictReader): Promise<unknown> {
  if (file.size > MAX_FILE_BYTES) throw new XprovError('XP_IO', `${file.name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
  return parseFileBytes(file.name, new Uint8Array(await file.arrayBuffer()), role, reader);
}
