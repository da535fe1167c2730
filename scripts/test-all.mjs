#!/usr/bin/env node
// The whole test suite: typecheck, every package's tests (through turbo), lint.
// Ends with one plain line totalling every test run, `N passed, N failed`,
// because CI reads that line rather than any runner's summary.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const step = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

const workspaces = ['packages', 'services', '.'].flatMap((top) =>
  top === '.' ? ['test-vectors', 'bench'] : existsSync(top) ? readdirSync(top).map((d) => join(top, d)) : [],
);
for (const ws of workspaces) rmSync(join(ws, '.test-results'), { recursive: true, force: true });

let failedSteps = 0;
if (step('node', ['scripts/setup.mjs']) !== 0) process.exit(1);
if (step('pnpm', ['exec', 'turbo', 'run', 'build', 'typecheck', 'test', '--continue', '--force', '--concurrency=2']) !== 0) failedSteps++;
if (step('pnpm', ['exec', 'biome', 'check', '.']) !== 0) failedSteps++;

let passed = 0, failed = 0, skipped = 0;
for (const ws of workspaces) {
  const f = join(ws, '.test-results', 'vitest.json');
  if (!existsSync(f)) continue;
  const r = JSON.parse(readFileSync(f, 'utf8'));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // A suite that failed to load counts as a failure even though it ran no test.
  failed += (r.testResults ?? []).filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
}
if (failedSteps > 0 && failed === 0) failed = failedSteps; // typecheck or lint failed
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || failedSteps > 0 ? 1 : 0);
