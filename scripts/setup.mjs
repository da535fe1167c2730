#!/usr/bin/env node
// Brings a fresh clone to a runnable state with nothing but Node 20 and npm:
// installs pnpm 12.4.2 if missing, then the workspace's dependencies (frozen lockfile).
// Idempotent: a second run with an up-to-date node_modules does nothing.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const PNPM = '12.4.2';
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
// better-sqlite3 builds from source; npm is set up to use Node's own headers, pnpm needs telling.
if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`setup: ${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

let have = '';
try { have = execSync('pnpm --version', { env, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch {}
if (have !== PNPM) {
  console.log(`setup: installing pnpm@${PNPM} (found ${have || 'none'})`);
  run('npm', ['i', '-g', `pnpm@${PNPM}`]);
}

const stamp = 'node_modules/.modules.yaml';
const stale = !existsSync(stamp) || statSync('pnpm-lock.yaml').mtimeMs > statSync(stamp).mtimeMs;
if (stale) {
  console.log('setup: installing dependencies');
  run('pnpm', ['install', '--frozen-lockfile']);
}
