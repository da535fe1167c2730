/**
 * kill -9 during sustained adds, then restart on the same directory: every acknowledged index
 * holds its bytes, and every checkpoint seen before the crash is consistent with the first one
 * after it. Runs the built server (dist/) as a child process on 127.0.0.1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  decodeEntryBundle,
  openCheckpoint,
  parseVerifierKey,
  tilePath,
  verifyConsistency,
} from '@xprov/log-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_KEY, entry, tempDir, unb64 } from './helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/serve-child.mjs', import.meta.url));

async function spawnServer(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CHILD, dir, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let buf = '';
  for await (const chunk of child.stdout!) {
    buf += chunk;
    if (buf.includes('\n')) break;
  }
  return { child, url: (JSON.parse(buf.split('\n')[0]!) as { url: string }).url };
}

describe('crash safety', () => {
  it('survives SIGKILL during sustained adds', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const first = await spawnServer(dir);
    const verifier = parseVerifierKey(readFileSync(join(dir, 'log.vkey'), 'utf8').trim());
    const acked = new Map<number, Uint8Array>();
    const seen: Array<{ size: number; root: Uint8Array }> = [];
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const e = entry(n++, 24 + (n % 100));
        try {
          const r = await fetch(`${first.url}/add`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}` }, body: e });
          if (r.status === 200) acked.set(((await r.json()) as { index: number }).index, e);
        } catch {
          return; // the server died mid-request: this add was never acknowledged
        }
      }
    };
    const watcher = async () => {
      while (!stop) {
        try {
          const cp = openCheckpoint(await (await fetch(`${first.url}/checkpoint`)).text(), { verifiers: [verifier] });
          seen.push({ size: cp.checkpoint.size, root: cp.checkpoint.rootHash });
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 30));
      }
    };
    const workers = [...Array.from({ length: 16 }, worker), watcher()];
    // Kill mid-load once the log has acknowledged a fair number of adds and published at least
    // one checkpoint (bounded: at most 15 s, however slow the machine is).
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (acked.size < 300 || !seen.some((s) => s.size > 0))) {
      await new Promise((r) => setTimeout(r, 100));
    }
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    stop = true;
    await Promise.all(workers);
    expect(acked.size).toBeGreaterThan(100);
    expect(seen.some((s) => s.size > 0)).toBe(true);

    const second = await spawnServer(dir);
    try {
      const maxAcked = Math.max(...acked.keys());
      // Sequenced-but-not-integrated entries are integrated at start: wait for the tree to cover them.
      let cp = openCheckpoint(await (await fetch(`${second.url}/checkpoint`)).text(), { verifiers: [verifier] }).checkpoint;
      for (let i = 0; i < 300 && cp.size <= maxAcked; i++) {
        await new Promise((r) => setTimeout(r, 50));
        cp = openCheckpoint(await (await fetch(`${second.url}/checkpoint`)).text(), { verifiers: [verifier] }).checkpoint;
      }
      expect(cp.size).toBeGreaterThan(maxAcked);

      const stored: Uint8Array[] = [];
      for (let t = 0; t * 256 < cp.size; t++) {
        const width = Math.min(256, cp.size - t * 256);
        const r = await fetch(`${second.url}/${tilePath({ level: 'entries', index: t, width })}`);
        stored.push(...decodeEntryBundle(new Uint8Array(await r.arrayBuffer()), width));
      }
      for (const [index, bytes] of acked) expect(stored[index], `index ${index}`).toEqual(bytes);

      for (const old of seen) {
        if (old.size === 0) continue;
        const r = await fetch(`${second.url}/proof/consistency?from=${old.size}&to=${cp.size}`);
        const { proof } = (await r.json()) as { proof: string[] };
        verifyConsistency(old.size, cp.size, proof.map(unb64), old.root, cp.rootHash);
      }
    } finally {
      second.child.kill('SIGKILL');
    }
  });
});
