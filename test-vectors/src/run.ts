/**
 * The vector runner (spec/vectors.md §3): verify each vector's bundle against its trust file and
 * compare the verdict and the *set* of failing codes with `expected`. The verifier is a parameter
 * so the same runner drives @xprov/verifier, `xprov-verify --json` or another implementation.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Vector, Verdict } from './vector.js';

/** What the runner needs from a verifier: DESIGN §5's JSON output shape. */
export interface VerifierOutput {
  verdict: Verdict | string;
  checks: Array<{ code: string; ok: boolean }>;
}
export type VerifyFn = (bundle: unknown, trust: unknown) => Promise<VerifierOutput>;

export interface VectorResult {
  id: string;
  passed: boolean;
  expected: Vector['expected'];
  actual: { verdict: string; codes: string[] } | { error: string };
}

/** The sorted, de-duplicated codes of the failing checks. */
export function failingCodes(out: VerifierOutput): string[] {
  return [...new Set(out.checks.filter((c) => !c.ok).map((c) => c.code))].sort();
}

export function compare(vector: Vector, out: VerifierOutput): VectorResult {
  const codes = failingCodes(out);
  const want = [...vector.expected.codes].sort();
  const passed = out.verdict === vector.expected.verdict && codes.length === want.length && codes.every((c, i) => c === want[i]);
  return { id: vector.id, passed, expected: vector.expected, actual: { verdict: String(out.verdict), codes } };
}

/** Reads every `*.json` vector of a directory (not `index.json`), sorted by file name. */
export async function loadVectors(dir: string): Promise<Vector[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && f !== 'index.json').sort();
  const vectors: Vector[] = [];
  for (const f of files) vectors.push(JSON.parse(await readFile(join(dir, f), 'utf8')) as Vector);
  return vectors;
}

/** Runs one vector; a verifier that throws fails the vector (a verifier must never throw). */
export async function runVector(vector: Vector, verify: VerifyFn): Promise<VectorResult> {
  try {
    return compare(vector, await verify(vector.bundle, vector.trust));
  } catch (e) {
    return { id: vector.id, passed: false, expected: vector.expected, actual: { error: String((e as Error)?.message ?? e) } };
  }
}

export async function runVectors(vectors: readonly Vector[], verify: VerifyFn): Promise<VectorResult[]> {
  const results: VectorResult[] = [];
  for (const v of vectors) results.push(await runVector(v, verify));
  return results;
}

/** One line per failing vector, then `N passed, N failed`. */
export function formatResults(results: readonly VectorResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.passed) continue;
    const want = `${r.expected.verdict} [${r.expected.codes.join(', ')}]`;
    const got = 'error' in r.actual ? `threw: ${r.actual.error}` : `${r.actual.verdict} [${r.actual.codes.join(', ')}]`;
    lines.push(`FAIL ${r.id}: expected ${want}, got ${got}`);
  }
  const passed = results.filter((r) => r.passed).length;
  lines.push(`${passed} passed, ${results.length - passed} failed`);
  return lines.join('\n');
}
