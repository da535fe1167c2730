/** `xprov serve --console-port`: the console next to the embedded services, relaying to them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isXprovError } from '@xprov/format';
import { describe, expect, it } from 'vitest';
import { consolePort, startServeConsole } from '../src/commands/serve-console.js';
import { startEmbedded } from '../src/commands/serve.js';

describe('serve console', () => {
  it('takes P+3 by default, a free port with P = 0, none with off, and refuses bad values with XP_USAGE', () => {
    expect(consolePort(undefined, 8080)).toBe(8083);
    expect(consolePort(undefined, 0)).toBe(0);
    expect(consolePort('off', 8080)).toBeUndefined();
    expect(consolePort('9000', 8080)).toBe(9000);
    for (const [opt, p] of [['x', 8080], ['70000', 8080], [undefined, 65533]] as const) {
      try {
        consolePort(opt, p);
        expect.unreachable();
      } catch (e) {
        expect(isXprovError(e) && e.code).toBe('XP_USAGE');
      }
    }
  });

  it('serves the page and relays the embedded governor and log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xprov-serve-console-'));
    const e = await startEmbedded({ dataDir: dir, port: 0, batchDelayMs: 10 });
    const web = await startServeConsole(e, 0);
    try {
      expect((await fetch(`${web.url}/`)).status).toBe(200);
      const config = (await (await fetch(`${web.url}/config.json`)).json()) as { log: { vkey: string } };
      expect(config.log.vkey).toBe(e.log.verifierKey);
      expect((await fetch(`${web.url}/api/governor/healthz`)).status).toBe(200);
      // The relay passes the log's own answer on (a new log has no checkpoint yet: its 404).
      const direct = await fetch(`${e.log.url}/checkpoint`);
      const relayed = await fetch(`${web.url}/api/log/checkpoint`);
      expect([relayed.status, await relayed.text()]).toEqual([direct.status, await direct.text()]);
    } finally {
      await web.close();
      await e.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
