/**
 * A real headless Chromium for the console's browser tests: Debian's /usr/bin/chromium driven by
 * playwright-core. Missing Chromium skips the browser tests with a message, except under CI
 * (`process.env.CI`), where it is a failure.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = process.env['XPROV_CHROMIUM'] ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const MISSING_MESSAGE = `${CHROMIUM} not found: install it with \`apt-get install -y chromium\` to run the console's browser tests`;

if (!hasChromium) {
  if (process.env['CI']) throw new Error(`${MISSING_MESSAGE} (required under CI)`);
  console.warn(`SKIPPING browser tests: ${MISSING_MESSAGE}`);
}

export interface Chromium {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), 'xprov-console-chromium-'));
  // launchPersistentContext is how playwright takes a fresh --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1200, height: 900 },
  });
  const browser = context.browser() as Browser;
  return {
    browser,
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
