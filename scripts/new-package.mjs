#!/usr/bin/env node
// Creates the skeleton of a workspace package: package.json, tsconfigs, vitest config.
// Usage: node scripts/new-package.mjs packages/NAME "description"
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';

const [dir, description = ''] = process.argv.slice(2);
if (!dir) throw new Error('usage: new-package.mjs DIR [DESCRIPTION]');
const name = `@xprov/${basename(dir)}`;
mkdirSync(join(dir, 'src'), { recursive: true });
mkdirSync(join(dir, 'test'), { recursive: true });
const w = (f, s) => { if (!existsSync(join(dir, f))) writeFileSync(join(dir, f), s); };
w('package.json', JSON.stringify({
  name, version: '0.1.0', description, type: 'module', license: 'Apache-2.0',
  exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
  main: './dist/index.js', types: './dist/index.d.ts', files: ['dist'],
  scripts: { build: 'tsc -p tsconfig.build.json', typecheck: 'tsc -p tsconfig.json --noEmit', test: 'vitest run' },
  dependencies: {}, devDependencies: {},
}, null, 2) + '\n');
w('tsconfig.json', JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { noEmit: true, rootDir: '.' }, include: ['src', 'test'] }, null, 2) + '\n');
w('tsconfig.build.json', JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'dist', rootDir: 'src' }, include: ['src'] }, null, 2) + '\n');
w('vitest.config.ts', `import { defineConfig } from 'vitest/config';\nimport { shared } from '../../vitest.shared.js';\n\nexport default defineConfig(shared);\n`);
console.log(`created ${name} in ${dir}`);
