/**
 * The generator (spec/vectors.md §2): builds every case of the catalogue and writes
 * `<id>.json` plus `index.json`. Deterministic: fixed keys, times and ids, so a regeneration
 * is byte-identical to the committed files.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CASES, type Case } from './cases.js';
import { buildScenario } from './scenario.js';
import { serializeVector, type Vector, type VectorIndex } from './vector.js';

export async function buildVector(c: Case): Promise<Vector> {
  const { bundle, trust } = await buildScenario(c.tweaks);
  return { id: c.id, description: c.description, spec: c.spec, bundle, trust, expected: c.expected };
}

/** Every vector, in catalogue order, serialized: file name → contents. */
export async function generateFiles(cases: readonly Case[] = CASES): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const index: VectorIndex = { version: 1, vectors: [] };
  for (const c of cases) {
    const v = await buildVector(c);
    const file = `${v.id}.json`;
    if (files.has(file)) throw new Error(`duplicate vector id ${v.id}`);
    files.set(file, serializeVector(v));
    index.vectors.push({ id: v.id, file, description: v.description, spec: v.spec, expected: v.expected });
  }
  files.set('index.json', serializeVector(index));
  return files;
}

/** Writes the vectors into `dir`, removing stale `*.json` files left from earlier catalogues. */
export async function writeVectors(dir: string): Promise<number> {
  const files = await generateFiles();
  await mkdir(dir, { recursive: true });
  for (const f of await readdir(dir)) if (f.endsWith('.json') && !files.has(f)) await rm(join(dir, f));
  for (const [f, text] of files) await writeFile(join(dir, f), text);
  return files.size - 1;
}
