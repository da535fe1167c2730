import type { Command } from 'commander';
import { register as context } from './context.js';
import { register as demo } from './demo.js';
import { register as exportCommand } from './export.js';
import { register as grant } from './grant.js';
import { register as issue } from './issue.js';
import { register as keys } from './keys.js';
import { register as log } from './log.js';
import { register as serve } from './serve.js';
import { register as vectors } from './vectors.js';
import { register as verifyCredential } from './verify-credential.js';
import { register as witness } from './witness.js';

// One line per command module; each adds its verb(s) to the program.
const modules: Array<(program: Command) => void> = [
  keys,
  issue,
  grant,
  verifyCredential,
  context,
  demo,
  log,
  witness,
  serve,
  vectors,
  exportCommand,
];

export function registerAll(program: Command): void {
  for (const register of modules) register(program);
}
