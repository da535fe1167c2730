/**
 * The console's static assets (dist/web, built by scripts/build-web.mjs): a fixed set of file
 * names read once into memory, each with its precompressed `.gz` twin served when the browser
 * accepts gzip. The request path is attacker-controlled: it only ever selects a key of that map,
 * never a file path.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Asset {
  body: Uint8Array;
  gzip?: Uint8Array;
  type: string;
  /** Content-hashed chunks never change; the page and its entry script are revalidated. */
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

function typeOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : TYPES[name.slice(dot)];
}

/** Loads every asset of `dir` (flat). Missing directory: an empty map (the page says to build). */
export function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(dir)) return assets;
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.gz')) continue;
    const type = typeOf(name);
    if (type === undefined) continue;
    const gz = join(dir, `${name}.gz`);
    assets.set(name, {
      body: readFileSync(join(dir, name)),
      ...(existsSync(gz) ? { gzip: readFileSync(gz) } : {}),
      type,
      immutable: name.startsWith('chunk-'),
    });
  }
  return assets;
}
