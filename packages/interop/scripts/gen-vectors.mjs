// Regenerates test-vectors/interop/ from the committed ProvenanceBundle vectors (deterministic).
// Usage: pnpm --filter @xprov/interop gen:vectors
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateInteropVectors, serializeInteropVector } from '../dist/index.js';

const source = fileURLToPath(new URL('../../../test-vectors/vectors/', import.meta.url));
const out = fileURLToPath(new URL('../../../test-vectors/interop/', import.meta.url));
const get = (id) => JSON.parse(readFileSync(`${source}${id}.json`, 'utf8'));
const vectors = await generateInteropVectors(get);
for (const kind of ['sigstore', 'scitt']) {
  rmSync(`${out}${kind}`, { recursive: true, force: true });
  mkdirSync(`${out}${kind}`, { recursive: true });
}
for (const v of vectors) writeFileSync(`${out}${v.kind}/${v.id}.json`, serializeInteropVector(v));
const index = vectors.map((v) => ({ id: v.id, kind: v.kind, file: `${v.kind}/${v.id}.json`, description: v.description, expected: v.expected }));
writeFileSync(`${out}index.json`, `${JSON.stringify(index, null, 2)}\n`);
console.log(`wrote ${vectors.length} interop vectors to ${out}`);
