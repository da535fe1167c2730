// Writes spec/schemas/<Type>.schema.json from the zod schemas (run after building dist/).
// test/json-schema.test.ts fails when the committed files differ from this output.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles } from '../dist/index.js';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '../../../spec/schemas');
mkdirSync(outDir, { recursive: true });
const files = jsonSchemaFiles();
for (const old of readdirSync(outDir)) {
  if (old.endsWith('.schema.json') && !(old in files)) rmSync(join(outDir, old));
}
for (const [name, text] of Object.entries(files)) writeFileSync(join(outDir, name), text);
console.log(`wrote ${Object.keys(files).length} schemas to ${outDir}`);
