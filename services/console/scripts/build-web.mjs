#!/usr/bin/env node
/**
 * Builds the console's browser assets into dist/web (DESIGN §6 Console): the page, its styles,
 * and the app script with the verifier core (@xprov/verifier → crypto, policy, log-core, jsonld)
 * bundled for `platform: 'browser'`, so a dropped bundle is verified in the page with the same
 * code as `xprov-verify`. The verifier is a separate chunk loaded on first use.
 *
 * Cedar: @xprov/policy imports `@cedar-policy/cedar-wasm/nodejs`, which reads its .wasm from disk
 * on import. Here that import is aliased to a shim over the package's `web` build that instantiates
 * the .wasm (copied next to the scripts, served as application/wasm) with top-level await — so
 * @xprov/policy itself stays untouched. zod's unused message locales are left out (below). Every asset also gets a precompressed `.gz` twin.
 */
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(root, 'dist/web');

// Resolve cedar-wasm the way @xprov/policy does (its own node_modules).
const policyRequire = createRequire(createRequire(join(root, 'package.json')).resolve('@xprov/verifier'));
const policyEntry = createRequire(policyRequire.resolve('@xprov/policy')).resolve('@cedar-policy/cedar-wasm/nodejs');
const cedarDir = dirname(dirname(policyEntry));
const cedarWeb = join(cedarDir, 'web/cedar_wasm.js');
const cedarWasm = join(cedarDir, 'web/cedar_wasm_bg.wasm');

/** `@cedar-policy/cedar-wasm/nodejs` → the web build, initialised before any importer runs. */
const cedarForBrowser = {
  name: 'cedar-for-browser',
  setup(b) {
    b.onResolve({ filter: /^@cedar-policy\/cedar-wasm\/nodejs$/ }, () => ({ path: 'cedar-shim', namespace: 'xprov-cedar' }));
    b.onLoad({ filter: /^cedar-shim$/, namespace: 'xprov-cedar' }, () => ({
      resolveDir: dirname(cedarWeb),
      loader: 'js',
      contents: [
        `import init from ${JSON.stringify(cedarWeb)};`,
        `await init({ module_or_path: new URL('./cedar_wasm_bg.wasm', import.meta.url) });`,
        `export * from ${JSON.stringify(cedarWeb)};`,
      ].join('\n'),
    }));
  },
};

/**
 * zod's namespace re-exports ~40 message locales (≈260 kB minified) that nothing here selects:
 * zod configures `en` itself and xprov reports codes, not zod messages. Keep `en` only.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      resolveDir: dirname(args.path),
      loader: 'js',
      contents: "export { default as en } from './en.js';",
    }));
  },
};

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const result = await build({
  entryPoints: { app: join(root, 'web/main.ts') },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: false,
  legalComments: 'linked',
  chunkNames: 'chunk-[hash]',
  metafile: true,
  logLevel: 'warning',
  plugins: [cedarForBrowser, zodEnglishOnly],
  define: { 'process.env.NODE_ENV': '"production"' },
});
await copyFile(cedarWasm, join(out, 'cedar_wasm_bg.wasm'));
await copyFile(join(root, 'web/index.html'), join(out, 'index.html'));
await copyFile(join(root, 'web/style.css'), join(out, 'style.css'));

const sizes = {};
for (const f of await readdir(out)) {
  if (f.endsWith('.gz')) continue;
  const bytes = await readFile(join(out, f));
  const gz = gzipSync(bytes, { level: 9 });
  await writeFile(join(out, `${f}.gz`), gz);
  sizes[f] = { bytes: (await stat(join(out, f))).size, gzip: gz.length };
}
await writeFile(join(out, 'sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
if (process.env.XPROV_CONSOLE_META) await writeFile(process.env.XPROV_CONSOLE_META, JSON.stringify(result.metafile));
