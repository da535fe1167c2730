import type { Command } from 'commander';

// One line per command module; each adds its verb(s) to the program.
const modules: Array<(program: Command) => void> = [];

export function registerAll(program: Command): void {
  for (const register of modules) register(program);
}
