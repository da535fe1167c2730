/** The SDK against a real governor and a real log, both on 127.0.0.1. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { didKeyFromPublicKey, generateKeyPair } from '@xprov/crypto';
import { isXprovError } from '@xprov/format';
import { type RunningIssuer, startIssuerServer } from '@xprov/issuer';
import { type RunningLog, startLogServer } from '@xprov/log';
import { verifyBundle } from '@xprov/verifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../src/index.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read loosely in tests
type Loose = any;

const POLICY = `permit (principal, action == Action::"payments:transfer", resource)
when { resource.id like "acct:ops/*" && decimal(context.parameters.amount).lessThanOrEqual(decimal("500.00")) };`;

let dir: string;
let log: RunningLog;
let gov: RunningIssuer;
let agent: Agent;
let trust: Record<string, unknown>;

async function post(path: string, key: string, body: unknown) {
  const res = await fetch(`${gov.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, Loose>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xprov-sdk-'));
  log = await startLogServer({ dataDir: join(dir, 'log'), port: 0, apiKey: 'log-key', batchDelayMs: 10 });
  gov = await startIssuerServer({ dataDir: join(dir, 'gov'), port: 0, logUrl: log.url, logApiKey: 'log-key' });
  const admin = gov.adminApiKey!;
  const authority = await post('/authorities', admin, { method: 'key' });
  const key = generateKeyPair();
  const did = didKeyFromPublicKey(key.publicKeyMultibase).did;
  const agentKey = await post('/api-keys', admin, { role: 'agent', subject: did });
  const { grant } = await post('/grants', authority.apiKey, {
    agent: did,
    actions: ['payments:transfer'],
    resources: ['acct:ops/*'],
    policy: { source: POLICY },
    validUntil: new Date(Date.now() + 3600_000).toISOString(),
  });
  agent = new Agent({ key, governor: { url: gov.url, apiKey: agentKey.apiKey }, chain: [grant] });
  trust = {
    authorities: [authority.did],
    governors: [gov.governor.did],
    logs: [{ origin: log.verifierKey.split('+')[0], vkey: log.verifierKey }],
    witnesses: { keys: [], threshold: 0 },
    allowedCryptosuites: ['eddsa-jcs-2022'],
    maxClockSkewSeconds: 60,
  };
});
afterAll(async () => {
  await gov?.close();
  await log?.close();
  rmSync(dir, { recursive: true, force: true });
});

const transfer = (amount: string) => ({ action: 'payments:transfer', resource: 'acct:ops/payroll', parameters: { amount } });

describe('Agent.governed', () => {
  it('the server wrote the admin key with mode 0600', () => {
    const file = join(dir, 'gov', 'admin-api-key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(gov.adminApiKey);
    expect(statSync(join(dir, 'gov', 'governor.key')).mode & 0o777).toBe(0o600);
  });

  it('runs a permitted action and returns result, outcome and a bundle that verifies as valid', async () => {
    const r = await agent.governed({ ...transfer('120.00'), limits: { maxInvocations: 2, budget: 500 } }, async (ctx) => {
      ctx.check('transfer');
      ctx.spend(120);
      return { transferred: '120.00' };
    });
    expect(r.status).toBe('succeeded');
    expect(r.result).toEqual({ transferred: '120.00' });
    expect((r.outcome.credentialSubject as Loose).status).toBe('succeeded');
    const v = await verifyBundle(r.bundle, trust);
    expect(v.checks.filter((c: Loose) => !c.ok)).toEqual([]);
    expect(v.verdict).toBe('valid');
  });

  it('a refusal throws XP_PERMIT_DENIED with the codes, before the function runs', async () => {
    let ran = false;
    const e = await agent.governed(transfer('900.00'), () => {
      ran = true;
    }).catch((x: unknown) => x);
    expect(isXprovError(e) && e.code).toBe('XP_PERMIT_DENIED');
    expect((e as Loose).details.codes).toEqual(['XP_POLICY_DENIED']);
    expect(ran).toBe(false);
  });

  it('a budget overrun aborts the function and is reported violated; the bundle is invalid with XP_OUTCOME_VIOLATION', async () => {
    let abortedSeen = false;
    const r = await agent.governed({ ...transfer('100.00'), limits: { budget: 100 } }, async (ctx) => {
      ctx.signal.addEventListener('abort', () => {
        abortedSeen = true;
      });
      ctx.spend(60);
      ctx.spend(60); // throws
      return 'unreachable';
    });
    expect(abortedSeen).toBe(true);
    expect(r.status).toBe('violated');
    expect(r.result).toBeUndefined();
    const v = await verifyBundle(r.bundle, trust);
    expect(v.verdict).toBe('invalid');
    expect(v.checks.filter((c: Loose) => !c.ok).map((c: Loose) => c.code)).toEqual(['XP_OUTCOME_VIOLATION']);
  });

  it('invocations beyond maxInvocations are a violation', async () => {
    const r = await agent.governed({ ...transfer('1.00'), limits: { maxInvocations: 1 } }, async (ctx) => {
      ctx.check('a');
      ctx.check('b');
    }, { bundle: false });
    expect(r.status).toBe('violated');
    expect((r.outcome.credentialSubject as Loose).enforcement.violations[0].type).toBe('maxInvocations');
  });

  it('running past the deadline aborts and is reported violated', async () => {
    const r = await agent.governed({ ...transfer('1.00'), limits: { timeoutSeconds: 1 } }, (ctx) =>
      new Promise((resolve) => setTimeout(resolve, 5000, ctx)),
    { bundle: false });
    expect(r.status).toBe('violated');
    expect((r.outcome.credentialSubject as Loose).enforcement.violations[0].type).toBe('deadline');
  });

  it('an exception in the function is reported failed and returned', async () => {
    const r = await agent.governed(transfer('1.00'), () => {
      throw new Error('bank offline');
    }, { bundle: false });
    expect(r.status).toBe('failed');
    expect((r.error as Error).message).toBe('bank offline');
    expect((r.outcome.credentialSubject as Loose).status).toBe('failed');
  });

  it('a wrong API key is XP_AUTH_INVALID', async () => {
    const bad = new Agent({ key: generateKeyPair(), governor: { url: gov.url, apiKey: 'nope' }, chain: [] as never[] });
    const e = await bad.governed(transfer('1.00'), () => 1).catch((x: unknown) => x);
    expect((e as { code?: string }).code).toBe('XP_AUTH_INVALID');
  });
});
