/**
 * `xprov demo [--out DIR]`: the README's first command. Until the governor (issue 5) runs end
 * to end, this is the offline CLI walkthrough of the chain's first half, driving the real
 * `xprov` verbs as a user would type them:
 *
 *   keys → grant (authority → agent, Cedar cap) → delegate (agent → sub-agent, narrower)
 *        → verify the chain → an escalating delegation is refused → the policy decides.
 *
 * Every step is a child process of this same binary, so what the demo shows is exactly what
 * the commands do. Files land in DIR (default: a new temporary directory).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { XprovError } from '@xprov/format';
import { evaluate } from '@xprov/policy';

const BIN = fileURLToPath(new URL('../../bin/xprov.js', import.meta.url));

/** The demo's grant policy: transfers on acct:ops/* in USD, at most 500.00 each. */
export const DEMO_POLICY = `// Authority policy: operations accounts, USD, at most 500.00 per transfer.
@id("transfer-cap")
permit (principal, action == Action::"payments:transfer", resource)
when {
  resource.id like "acct:ops/*" &&
  context.parameters.currency == "USD" &&
  decimal(context.parameters.amount).lessThanOrEqual(decimal("500.00"))
};
`;

interface Step {
  args: string[];
  stdout?: string;
  expectExit?: number;
}

function run(out: string, step: Step): { stdout: string; stderr: string } {
  const shown = ['xprov', ...step.args.map((a) => (a.includes(' ') ? JSON.stringify(a) : a))].join(' ');
  process.stdout.write(`\n$ ${shown}${step.stdout ? ` > ${step.stdout}` : ''}\n`);
  const r = spawnSync(process.execPath, [BIN, ...step.args], { cwd: out, encoding: 'utf8' });
  const expected = step.expectExit ?? 0;
  if (r.status !== expected) {
    throw new XprovError('XP_DEMO_FAILED', `\`${shown}\` exited ${r.status}, expected ${expected}: ${r.stderr.trim()}`);
  }
  if (step.stdout) writeFileSync(join(out, step.stdout), r.stdout);
  return { stdout: r.stdout, stderr: r.stderr };
}

function isoIn(days: number, from = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function runDemo(outDir?: string): Promise<string> {
  const out = resolve(outDir ?? mkdtempSync(join(tmpdir(), 'xprov-demo-')));
  mkdirSync(join(out, 'keys'), { recursive: true });
  process.stdout.write(`xprov demo — files in ${out}\n`);

  process.stdout.write('\n## 1. Keys: an authority, an agent and a sub-agent (did:key, Ed25519 Multikey, files 0600)\n');
  const did: Record<string, string> = {};
  for (const who of ['authority', 'agent', 'sub-agent']) {
    did[who] = run(out, { args: ['keys', 'new', '--out', `keys/${who}.json`] }).stdout.trim();
    process.stdout.write(`${who}: ${did[who]}\n`);
  }

  process.stdout.write('\n## 2. The authority grants the agent payments:transfer on acct:ops/* under a Cedar cap\n');
  writeFileSync(join(out, 'cap.cedar'), DEMO_POLICY);
  run(out, {
    args: ['grant', '--key', 'keys/authority.json', '--agent', did.agent!, '--action', 'payments:transfer',
      '--resource', 'acct:ops/*', '--policy', 'cap.cedar', '--valid-until', isoIn(30), '--max-depth', '1'],
    stdout: 'grant.json',
  });

  process.stdout.write('\n## 3. The agent delegates a narrower grant to the sub-agent (payroll accounts only)\n');
  run(out, {
    args: ['grant', '--key', 'keys/agent.json', '--agent', did['sub-agent']!, '--action', 'payments:transfer',
      '--resource', 'acct:ops/payroll/*', '--parent', 'grant.json', '--valid-until', isoIn(7), '--max-depth', '0'],
    stdout: 'delegation.json',
  });

  process.stdout.write('\n## 4. Anyone verifies the chain offline: each proof, and that the link only narrows\n');
  run(out, { args: ['verify-credential', 'grant.json', 'delegation.json'] });
  process.stdout.write('✓ both proofs verify; the delegation attenuates its parent\n');

  process.stdout.write('\n## 5. An escalation is refused: the agent tries to hand out acct:* (more than it holds)\n');
  const refused = run(out, {
    args: ['grant', '--key', 'keys/agent.json', '--agent', did['sub-agent']!, '--action', 'payments:transfer',
      '--resource', 'acct:*', '--parent', 'grant.json', '--valid-until', isoIn(7)],
    expectExit: 1,
  });
  process.stdout.write(`✗ refused (exit 1): ${refused.stderr.trim()}\n`);

  process.stdout.write('\n## 6. The policy on the chain decides each request (deterministic, time is an input)\n');
  const grant = JSON.parse(readFileSync(join(out, 'grant.json'), 'utf8'));
  const source: string = grant.credentialSubject.grant.policy.source;
  const time = new Date().toISOString();
  for (const amount of ['120.00', '900.00']) {
    const r = evaluate({
      policies: source,
      request: { principal: did['sub-agent']!, action: 'payments:transfer', resource: 'acct:ops/payroll/7',
        parameters: { amount, currency: 'USD' } },
      time,
    });
    const why = r.decision === 'allow' ? `by ${r.policies[0]?.reasons.join(', ')}` : 'no policy permits it';
    process.stdout.write(`${r.decision === 'allow' ? '✓' : '✗'} transfer ${amount} USD → ${r.decision} (${why})\n`);
  }

  process.stdout.write(
    `\n## Lineage\n${did.authority} (authority)\n` +
      `└─ grant: payments:transfer on acct:ops/*, cap 500 USD, may delegate once\n` +
      `   └─ ${did.agent} (agent)\n` +
      `      └─ delegation: payments:transfer on acct:ops/payroll/*\n` +
      `         └─ ${did['sub-agent']} (sub-agent)\n`,
  );
  return out;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('the end-to-end walkthrough: keys → grant → delegate → verify')
    .option('--out <dir>', 'where to write keys and credentials (default: a new temporary directory)')
    .action(async (opts: { out?: string }) => {
      await runDemo(opts.out);
    });
}
