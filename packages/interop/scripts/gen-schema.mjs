// Writes spec/schemas/interop/xprov-execution-predicate.schema.json from the zod schema.
// Usage: pnpm --filter @xprov/interop gen:schema
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { predicateJsonSchemaText } from '../dist/index.js';

const file = fileURLToPath(new URL('../../../spec/schemas/interop/xprov-execution-predicate.schema.json', import.meta.url));
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, predicateJsonSchemaText());
console.log(`wrote ${file}`);
