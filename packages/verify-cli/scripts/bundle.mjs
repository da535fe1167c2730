#!/usr/bin/env node
/**
 * Builds dist/xprov-verify.mjs: one self-contained file runnable with plain `node` in an empty
 * directory (spec/cli-verify.md §5). Everything is bundled — the verifier, its dependencies,
 * the JSON-LD contexts — and Cedar's WebAssembly, which the `@cedar-policy/cedar-wasm/nodejs`
 * build reads from disk next to its JS, is inlined as base64 and compiled from memory.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

/** Replaces the .wasm read from disk in cedar's node build with the embedded bytes. */
const inlineCedarWasm = {
  name: 'inline-cedar-wasm',
  setup(b) {
    b.onLoad({ filter: /cedar-wasm[\\/]nodejs[\\/]cedar_wasm\.js$/ }, async (args) => {
      const js = await readFile(args.path, 'utf8');
      const wasm = await readFile(join(dirname(args.path), 'cedar_wasm_bg.wasm'));
      const from = /const wasmPath = `\$\{__dirname\}\/cedar_wasm_bg\.wasm`;\s*const wasmBytes = require\('fs'\)\.readFileSync\(wasmPath\);/;
      if (!from.test(js)) throw new Error('cedar-wasm changed: cannot find its wasm loading code to inline');
      const contents = js.replace(from, `const wasmBytes = Buffer.from(${JSON.stringify(wasm.toString('base64'))}, 'base64');`);
      return { contents, loader: 'js' };
    });
  },
};

await build({
  entryPoints: [join(root, 'src/cli.ts')],
  outfile: join(root, 'dist/xprov-verify.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [inlineCedarWasm],
  banner: {
    // CommonJS dependencies bundled into ESM still call require() for node builtins.
    js: "#!/usr/bin/env node\nimport { createRequire as __xprovCreateRequire } from 'node:module';\nconst require = __xprovCreateRequire(import.meta.url);",
  },
});
