import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const BIN = join(here, '..', 'bin', 'xprov.js');
export const VECTORS = join(here, '..', '..', 'crypto', 'test', 'vectors');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The `XP_…` code of an `xprov: CODE: message` line on stderr. */
  code: string | undefined;
}

/** Runs the real built binary (`node bin/xprov.js …`), as a user would. */
export function xprov(args: string[], options: { cwd?: string; input?: string } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
  });
  const code = /^xprov: (XP_[A-Z0-9_]+):/m.exec(r.stderr)?.[1];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, code };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'xprov-cli-'));
}
