/**
 * `xprov demo [--out DIR]` (issue 5): the README's first command, end to end on loopback.
 *
 * Starts the embedded governor, log and witness (`xprov serve`'s `startEmbedded`); an authority
 * grants an agent `payments:transfer` on `acct:ops/*` under a Cedar cap of 500 USD; the agent
 * delegates a narrower grant (payroll accounts only) to a sub-agent; the sub-agent, through the
 * SDK, makes a permitted transfer (succeeded), an over-limit one (refused at the gate; the
 * denial is logged) and one that exceeds its runtime budget (violated). Each bundle is written
 * to DIR/<scenario>.bundle.json with DIR/trust.json, verified with the verifier, and the lineage
 * is printed as a tree. Everything runs on 127.0.0.1; the services stop when the demo ends.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { didKeyFromPublicKey, generateKeyPair, signCredential } from '@xprov/crypto';
import { type AgentAuthorizationCredential, buildDelegation, isXprovError } from '@xprov/format';
import { Agent } from '@xprov/sdk';
import { verifyBundle } from '@xprov/verifier';
import { startEmbedded } from './serve.js';

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

type Json = Record<string, unknown>;

async function post(url: string, key: string, body: unknown): Promise<Json> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as Json;
  if (!res.ok) throw new Error(`${url}: ${JSON.stringify(json.error)}`);
  return json;
}

const short = (s: string) => (s.length > 28 ? `${s.slice(0, 20)}…${s.slice(-6)}` : s);

export interface DemoScenario {
  name: 'permitted' | 'denied' | 'violated';
  file: string;
  verdict: string;
  failing: string[];
  summary: string;
}

export async function runDemo(outDir?: string): Promise<{ out: string; scenarios: DemoScenario[] }> {
  const out = resolve(outDir ?? mkdtempSync(join(tmpdir(), 'xprov-demo-')));
  mkdirSync(out, { recursive: true });
  const say = (s: string) => process.stdout.write(`${s}\n`);
  say(`xprov demo — files in ${out}`);
  const e = await startEmbedded({ dataDir: join(out, 'services'), port: 0, batchDelayMs: 20 });
  try {
    say(`\n## 1. Governor ${e.governor.url}, log ${e.log.url}, witness ${e.witness.url} (127.0.0.1, embedded SQLite)`);
    const gov = e.governor.url;
    const authority = await post(`${gov}/authorities`, e.adminApiKey, { method: 'key' });
    const agentKey = generateKeyPair();
    const subKey = generateKeyPair();
    const agentDid = didKeyFromPublicKey(agentKey.publicKeyMultibase).did;
    const subDid = didKeyFromPublicKey(subKey.publicKeyMultibase).did;
    const subApiKey = (await post(`${gov}/api-keys`, e.adminApiKey, { role: 'agent', subject: subDid })).apiKey as string;

    say('\n## 2. The authority grants the agent payments:transfer on acct:ops/* under a Cedar cap of 500 USD');
    const validUntil = new Date(Date.now() + 30 * 86400_000).toISOString();
    const { grant } = (await post(`${gov}/grants`, authority.apiKey as string, {
      agent: agentDid,
      actions: ['payments:transfer'],
      resources: ['acct:ops/*'],
      policy: { source: DEMO_POLICY },
      validUntil,
      maxDelegationDepth: 1,
    })) as { grant: AgentAuthorizationCredential };

    say('\n## 3. The agent delegates a narrower grant to a sub-agent: payroll accounts only');
    const delegation = (await signCredential(
      buildDelegation({ parent: grant, agent: subDid, actions: ['payments:transfer'], resources: ['acct:ops/payroll/*'], maxDelegationDepth: 0 }),
      { keyPair: agentKey },
    )) as unknown as AgentAuthorizationCredential;

    const sub = new Agent({ key: subKey, governor: { url: gov, apiKey: subApiKey }, chain: [grant, delegation] });
    const transfer = (amount: string) => ({
      action: 'payments:transfer',
      resource: 'acct:ops/payroll/7',
      parameters: { amount, currency: 'USD' },
    });
    const bundles: Record<string, Json> = {};
    const lines: Record<string, string> = {};

    say('\n## 4. The sub-agent transfers 250.00 USD (within grant, policy and budget)');
    const ok = await sub.governed({ ...transfer('250.00'), limits: { maxInvocations: 1, budget: 250 } }, async (ctx) => {
      ctx.check('transfer');
      ctx.spend(250);
      return { transferred: '250.00', currency: 'USD' };
    });
    bundles.permitted = ok.bundle!;
    lines.permitted = `permit ${short(ok.permit.id)} → outcome ${ok.status}`;
    say(`✓ ${ok.status}`);

    say('\n## 5. The sub-agent asks to transfer 900.00 USD (over the cap): refused before runtime');
    try {
      await sub.governed(transfer('900.00'), () => 'never runs', { bundle: false });
      throw new Error('the over-limit transfer was permitted');
    } catch (err) {
      if (!isXprovError(err) || err.code !== 'XP_PERMIT_DENIED') throw err;
      const d = err.details as { codes: string[]; executionId: string; denial: { id: string } };
      bundles.denied = await sub.bundle(d.executionId);
      lines.denied = `denial ${short(d.denial.id)} (${d.codes.join(', ')}), logged`;
      say(`✗ refused: ${d.codes.join(', ')} — the signed denial is logged`);
    }

    say('\n## 6. The sub-agent transfers 400.00 USD with a budget of 400, but its code spends 300 + 200');
    const bad = await sub.governed({ ...transfer('400.00'), limits: { budget: 400 } }, async (ctx) => {
      ctx.spend(300);
      ctx.spend(200); // over budget: aborts
      return 'unreachable';
    });
    bundles.violated = bad.bundle!;
    lines.violated = `permit ${short(bad.permit.id)} → outcome ${bad.status} (budget)`;
    say(`✗ ${bad.status}: the runtime bound stopped it and the outcome says so`);

    const trust = { ...e.trust, authorities: [authority.did as string] };
    writeFileSync(join(out, 'trust.json'), `${JSON.stringify(trust, null, 2)}\n`);
    say('\n## 7. Offline verification of each bundle against trust.json');
    const scenarios: DemoScenario[] = [];
    for (const name of ['permitted', 'denied', 'violated'] as const) {
      const file = join(out, `${name}.bundle.json`);
      writeFileSync(file, `${JSON.stringify(bundles[name], null, 2)}\n`);
      const r = await verifyBundle(bundles[name], trust);
      const failing = [...new Set(r.checks.filter((c) => !c.ok).map((c) => c.code))];
      const decision = (r as { decision?: string }).decision;
      const summary = `${r.verdict}${decision === 'deny' ? ' (evidence of a refusal)' : ''}${failing.length ? ` ${failing.join(', ')}` : ''}`;
      scenarios.push({ name, file, verdict: r.verdict, failing, summary });
      say(`${name.padEnd(9)} ${summary}   xprov-verify ${file} --trust ${join(out, 'trust.json')}`);
    }

    say('\n## Lineage');
    say(`${authority.did} (authority)`);
    say(`└─ grant ${short(grant.id)}: payments:transfer on acct:ops/*, cap 500 USD, may delegate once`);
    say(`   └─ ${agentDid} (agent)`);
    say(`      └─ delegation ${short(delegation.id)}: payments:transfer on acct:ops/payroll/*`);
    say(`         └─ ${subDid} (sub-agent)`);
    scenarios.forEach((s, i) => {
      say(`            ${i === scenarios.length - 1 ? '└─' : '├─'} ${s.name.padEnd(9)} ${lines[s.name]}  → verify: ${s.summary}`);
    });
    return { out, scenarios };
  } finally {
    await e.close();
  }
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('the end-to-end scenario: grant → delegate → permitted, refused and violated executions, verified offline')
    .option('--out <dir>', 'where to write bundles and trust.json (default: a new temporary directory)')
    .action(async (opts: { out?: string }) => {
      await runDemo(opts.out);
    });
}
