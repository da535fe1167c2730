/**
 * Reading dropped or picked files (attacker-controlled): bounded size, JSON only, and a guess of
 * what each file is — a trust file (trust-file.md: `version` with `governors`/`logs`), a test
 * vector carrying both (`bundle` + `trust`, test-vectors/), or else a bundle (the verifier then
 * judges its shape).
 */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type Kind = 'bundle' | 'trust' | 'vector';

export function kindOf(value: unknown): Kind {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'bundle';
  const o = value as Record<string, unknown>;
  if ('bundle' in o && 'trust' in o) return 'vector';
  if ('version' in o && ('governors' in o || 'logs' in o || 'authorities' in o) && !('grants' in o)) return 'trust';
  return 'bundle';
}

export async function readJson(file: File): Promise<unknown> {
  if (file.size > MAX_FILE_BYTES) throw new Error(`${file.name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
  const text = await file.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${file.name} is not JSON`);
  }
}
