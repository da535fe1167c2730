/**
 * The health dashboard and the lineage explorer in a real headless Chromium, against a real
 * witness, log and governor on 127.0.0.1 (started as `xprov serve` starts them) with executions
 * made through the agent SDK: a parent, a child caused by the parent's outcome, and a denial.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { didKeyFromPublicKey, generateKeyPair } from '@xprov/crypto';
import { digestMultibase } from '@xprov/format';
import { type RunningIssuer, startIssuerServer } from '@xprov/issuer';
import { loadOrCreateNoteKey, type RunningLog, startLogServer, startWitnessServer } from '@xprov/log';
import { openCheckpoint, parseVerifierKey } from '@xprov/log-core';
import { Agent } from '@xprov/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningConsole, startConsoleServer } from '../src/index.js';
import { type Chromium, hasChromium, launch } from './chromium.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read loosely in tests
type Loose = any;
const ORIGIN = 'localhost/xprov-console-test';
const POLICY = `permit (principal, action == Action::"payments:transfer", resource)
when { resource.id like "acct:ops/*" && decimal(context.parameters.amount).lessThanOrEqual(decimal("500.00")) };`;

describe.skipIf(!hasChromium)('health and lineage in Chromium against real services', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xprov-console-services-'));
  let witness: { url: string; verifierKey: string; close(): Promise<void> };
  let log: RunningLog;
  let gov: RunningIssuer;
  let consoleServer: RunningConsole;
  let chrome: Chromium;
  let page: Page;
  let auditorKey: string;
  let trustFile: string;
  const ids: { parent: string; child: string; denied: string } = { parent: '', child: '', denied: '' };

  async function post(path: string, key: string, body: unknown): Promise<Loose> {
    const res = await fetch(`${gov.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.json();
  }

  beforeAll(async () => {
    const logKey = loadOrCreateNoteKey(join(dir, 'log'), 'log', ORIGIN);
    witness = await startWitnessServer({ dataDir: join(dir, 'witness'), logVkeys: [logKey.verifierKey], port: 0 });
    log = await startLogServer({ dataDir: join(dir, 'log'), port: 0, origin: ORIGIN, apiKey: 'log-key', batchDelayMs: 10, witnesses: [{ url: witness.url, vkey: witness.verifierKey }], threshold: 1 });
    gov = await startIssuerServer({ dataDir: join(dir, 'gov'), port: 0, logUrl: log.url, logApiKey: 'log-key' });
    const admin = gov.adminApiKey as string;
    const authority = await post('/authorities', admin, { method: 'key' });
    auditorKey = (await post('/api-keys', admin, { role: 'auditor' })).apiKey;
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
    const agent = new Agent({ key, governor: { url: gov.url, apiKey: agentKey.apiKey }, chain: [grant] });
    const transfer = (amount: string) => ({ action: 'payments:transfer', resource: 'acct:ops/payroll', parameters: { amount } });
    const parent = await agent.governed(transfer('100.00'), async () => 'ok', { bundle: false });
    ids.parent = parent.executionId;
    const child = await agent.governed({ ...transfer('50.00'), parent: { id: parent.outcome.id as string, digestMultibase: digestMultibase(parent.outcome) } }, async () => 'ok', { bundle: false });
    ids.child = child.executionId;
    try {
      await agent.governed(transfer('900.00'), async () => 'never');
    } catch (e) {
      ids.denied = (e as Loose).details.executionId;
    }
    const trust = {
      version: 1,
      authorities: [authority.did],
      governors: [gov.governor.did],
      logs: [{ origin: ORIGIN, vkey: log.verifierKey }],
      witnesses: { keys: [witness.verifierKey], threshold: 1 },
      allowedCryptosuites: ['eddsa-jcs-2022', 'eddsa-rdfc-2022'],
      maxClockSkewSeconds: 60,
    };
    trustFile = join(dir, 'trust.json');
    writeFileSync(trustFile, JSON.stringify(trust));
    consoleServer = await startConsoleServer({ port: 0, governorUrl: gov.url, logUrl: log.url, log: { origin: ORIGIN, vkey: log.verifierKey }, witnesses: { keys: [witness.verifierKey], threshold: 1 } });
    chrome = await launch();
    page = await chrome.context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
  });
  afterAll(async () => {
    await chrome?.close();
    await consoleServer?.close();
    await gov?.close();
    await log?.close();
    await witness?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(hash: string): Promise<void> {
    await page.goto('about:blank');
    await page.goto(`${consoleServer.url}/${hash}`);
    await page.waitForSelector('body[data-ready="true"]');
  }

  it('health: governor ok, checkpoint verified in the page against the log key, size and witness cosignature', async () => {
    expect(ids.denied).not.toBe('');
    await open('#health');
    const logHealth = await page.waitForSelector('#log-health', { timeout: 20_000 });
    expect(await logHealth.getAttribute('data-checkpoint')).toBe('verified');
    expect(await logHealth.getAttribute('data-witnessed')).toBe('yes');
    expect(await page.getAttribute('#governor-health', 'data-status')).toBe('ok');
    const note = await (await fetch(`${log.url}/checkpoint`)).text();
    const { checkpoint } = openCheckpoint(note, { verifiers: [parseVerifierKey(log.verifierKey)] });
    // The log may integrate more entries between the two reads; never fewer.
    expect(Number(await page.textContent('#tree-size'))).toBeGreaterThanOrEqual(checkpoint.size);
    expect(checkpoint.size).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/xprov-console-health.png', fullPage: true });
  });

  it('health: a checkpoint that does not verify under the given key is shown as failed with its code', async () => {
    await open('#health');
    await page.waitForSelector('#log-health');
    // A well-formed key for the same name, but not the log's.
    await page.fill('#log-vkey', `${ORIGIN}+00000000+AQ${'A'.repeat(42)}=`);
    await page.click('#health-form button[type=submit]');
    await page.waitForSelector('#log-health[data-checkpoint="failed"]', { timeout: 10_000 });
    expect(await page.textContent('#log-health')).toMatch(/XP_LOG_CHECKPOINT_SIGNATURE|XP_NOTE_KEY_MALFORMED/);
  });

  it('lineage: parent → child nesting, the denial, and verdicts from the loaded trust file', async () => {
    await open('#viewer');
    await page.setInputFiles('#trust-file', trustFile);
    await page.click('nav a[href="#lineage"]');
    await page.fill('#auditor-key', auditorKey);
    await page.fill('#execution-ids', [ids.child, ids.parent, ids.denied].join('\n'));
    await page.click('#lineage-form button[type=submit]');
    await page.waitForSelector(`li.execution[data-execution="${ids.denied}"] [data-verdict]`, { timeout: 20_000 });
    // The child hangs under the parent whose outcome caused it.
    expect(await page.$(`li.execution[data-execution="${ids.parent}"] ul.children li.execution[data-execution="${ids.child}"]`)).not.toBeNull();
    expect(await page.getAttribute(`li.execution[data-execution="${ids.denied}"]`, 'data-state')).toBe('denied');
    expect(await page.getAttribute(`li.execution[data-execution="${ids.parent}"]`, 'data-state')).toBe('succeeded');
    for (const id of [ids.parent, ids.child, ids.denied]) {
      expect(await page.getAttribute(`li.execution[data-execution="${id}"] > details > summary [data-verdict]`, 'data-verdict')).toBe('valid');
    }
    await page.screenshot({ path: '/tmp/xprov-console-lineage.png', fullPage: true });
    // The key lives in memory only.
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  });

  it('lineage: a wrong key is refused by the governor and the code is shown', async () => {
    await open('#lineage');
    await page.fill('#auditor-key', 'not-a-key');
    await page.fill('#execution-ids', ids.parent);
    await page.click('#lineage-form button[type=submit]');
    const err = await page.waitForSelector('[data-error]', { timeout: 10_000 });
    expect(await err.getAttribute('data-error')).toMatch(/^XP_/);
  });
});
