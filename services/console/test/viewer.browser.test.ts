/**
 * The proof viewer in a real headless Chromium: committed test vectors uploaded as files (and
 * dropped, and picked with the keyboard) are verified in the page, and the page's verdict and
 * failing codes equal `verifyBundle` run in Node on the same inputs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failingCodes, verifyBundle } from '@xprov/verifier';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningConsole, startConsoleServer } from '../src/index.js';
import { type Chromium, hasChromium, launch } from './chromium.js';

const VECTORS = join(import.meta.dirname, '../../../test-vectors/vectors');
const vector = (id: string) => JSON.parse(readFileSync(join(VECTORS, `${id}.json`), 'utf8')) as { bundle: unknown; trust: unknown; expected: { verdict: string; codes: string[] } };

describe.skipIf(!hasChromium)('proof viewer in Chromium', () => {
  let server: RunningConsole;
  let chrome: Chromium;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'xprov-console-files-'));

  beforeAll(async () => {
    server = await startConsoleServer({ port: 0 });
    chrome = await launch();
    page = await chrome.context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
  });
  afterAll(async () => {
    await chrome?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(): Promise<void> {
    await page.goto('about:blank'); // a fresh document, not a same-document hash navigation
    await page.goto(`${server.url}/#viewer`);
    await page.waitForSelector('body[data-ready="true"]');
  }

  function files(id: string, bundle: unknown, trust: unknown): { bundle: string; trust: string } {
    const b = join(dir, `${id}.bundle.json`);
    const t = join(dir, `${id}.trust.json`);
    writeFileSync(b, JSON.stringify(bundle));
    writeFileSync(t, JSON.stringify(trust));
    return { bundle: b, trust: t };
  }

  async function pageResult(): Promise<{ verdict: string | null; codes: string[] }> {
    const verdict = await page.getAttribute('#verdict', 'data-verdict', { timeout: 20_000 });
    const codes = await page.$$eval('.failures li[data-code]', (lis) => lis.map((li) => li.getAttribute('data-code') ?? ''));
    return { verdict, codes: [...new Set(codes)] };
  }

  it('shows valid for a valid vector uploaded as bundle + trust files', async () => {
    await open();
    const v = vector('valid-delegation-2');
    const f = files('valid-delegation-2', v.bundle, v.trust);
    await page.setInputFiles('#bundle-file', f.bundle);
    await page.setInputFiles('#trust-file', f.trust);
    expect(await pageResult()).toEqual({ verdict: 'valid', codes: [] });
    expect(await page.textContent('#result')).toContain('root grant');
    await page.screenshot({ path: '/tmp/xprov-console-viewer-valid.png', fullPage: true });
  });

  it('shows invalid with the code, the credential and its sentence for a tampered vector (dropped)', async () => {
    await open();
    const v = vector('proof-invalid-permit-altered');
    // Drop both files at once on the drop zone, as a user would.
    await page.evaluate(
      ([bundle, trust]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([bundle as string], 'bundle.json', { type: 'application/json' }));
        dt.items.add(new File([trust as string], 'trust.json', { type: 'application/json' }));
        document.getElementById('drop')?.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      [JSON.stringify(v.bundle), JSON.stringify(v.trust)],
    );
    const r = await pageResult();
    expect(r.verdict).toBe('invalid');
    expect(r.codes).toEqual(v.expected.codes);
    const failure = await page.textContent(`.failures li[data-code="${v.expected.codes[0]}"]`);
    expect(failure).toContain('A signature does not verify');
    await page.screenshot({ path: '/tmp/xprov-console-viewer-invalid.png', fullPage: true });
  });

  it('matches verifyBundle in Node for several vectors', async () => {
    const ids = ['valid-delegation-3-rdfc', 'valid-denial', 'chain-escalation-actions', 'policy-denied-delegated', 'log-inclusion-proof-broken', 'grant-revoked', 'status-list-missing', 'malformed-not-a-bundle'];
    for (const id of ids) {
      await open();
      const v = vector(id);
      const f = files(id, v.bundle, v.trust);
      await page.setInputFiles('#trust-file', f.trust);
      await page.setInputFiles('#bundle-file', f.bundle);
      const inNode = await verifyBundle(v.bundle, v.trust);
      expect({ id, ...(await pageResult()) }).toEqual({ id, verdict: inNode.verdict, codes: failingCodes(inNode) });
    }
  });

  it('opens the file picker from the keyboard (drop zone is a button)', async () => {
    await open();
    // Focus, then Enter on the focused drop zone (a <button>): the keyboard path a user takes.
    // Locator.press waits for the element to be attached and focused before the key goes out.
    const chooser = page.waitForEvent('filechooser', { timeout: 15_000 });
    await page.locator('#drop').press('Enter');
    const fc = await chooser;
    expect(fc.isMultiple()).toBe(true);
    const v = vector('valid-root-grant-only');
    const f = join(dir, 'vector.json');
    writeFileSync(f, JSON.stringify(v));
    await fc.setFiles(f);
    expect((await pageResult()).verdict).toBe('valid');
  });

  it('refuses a bundle with a duplicate member and a trust file that is not UTF-8, showing the code', async () => {
    await open();
    const v = vector('valid-delegation-2') as { bundle: { permit: unknown }; trust: unknown };
    const f = files('dup', v.bundle, v.trust);
    await page.setInputFiles('#trust-file', f.trust);
    // A second "permit" member: JSON.parse would keep the last one; the verifier's reader refuses.
    const text = JSON.stringify(v.bundle);
    const dup = join(dir, 'dup-member.json');
    writeFileSync(dup, `${text.slice(0, -1)},"permit":${JSON.stringify(v.bundle.permit)}}`);
    await page.setInputFiles('#bundle-file', dup);
    await page.waitForSelector('#viewer-status[data-code]');
    expect(await page.getAttribute('#viewer-status', 'data-code')).toBe('XP_MALFORMED');
    expect(await page.textContent('#viewer-status')).toContain('XP_MALFORMED');
    expect(await page.$('#verdict')).toBeNull();
    // The strict original then verifies; a trust file with an invalid UTF-8 byte is XP_TRUST_INVALID.
    await page.setInputFiles('#bundle-file', f.bundle);
    expect((await pageResult()).verdict).toBe('valid');
    expect(await page.getAttribute('#viewer-status', 'data-code')).toBeNull();
    const badTrust = join(dir, 'bad-utf8.json');
    const t = Buffer.from(JSON.stringify(v.trust));
    writeFileSync(badTrust, Buffer.concat([t.subarray(0, 1), Buffer.from('"\xff":0,', 'latin1'), t.subarray(1)]));
    await page.setInputFiles('#trust-file', badTrust);
    await page.waitForSelector('#viewer-status[data-code="XP_TRUST_INVALID"]');
    expect(await page.$('#verdict')).toBeNull();
    expect(await page.isDisabled('#verify')).toBe(true);
  });

  it('renders attacker-controlled strings as text, never as markup', async () => {
    await open();
    type Grant = { credentialSubject: Record<string, unknown> };
    const v = vector('valid-delegation-2') as { bundle: { grants: Grant[] }; trust: unknown };
    const evil = structuredClone(v.bundle);
    // An unknown member's name comes back in the XP_MALFORMED message the page shows.
    evil.grants[1]!.credentialSubject['<img src=x id=pwned onerror="document.body.dataset.pwned=1">\u202eevil'] = 1;
    const f = files('evil', evil, v.trust);
    await page.setInputFiles('#trust-file', f.trust);
    await page.setInputFiles('#bundle-file', f.bundle);
    expect((await pageResult()).verdict).toBe('invalid');
    expect(await page.$('#pwned')).toBeNull();
    expect(await page.getAttribute('body', 'data-pwned')).toBeNull();
    const text = await page.textContent('#result');
    expect(text).toContain('<img src=x id=pwned');
    expect(text).toContain('\\u202eevil');
    expect(text).not.toContain('\u202e');
  });
});
