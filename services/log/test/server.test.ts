import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  decodeEntryBundle,
  leafHash,
  openCheckpoint,
  parseVerifierKey,
  rootHash,
  tilePath,
  verifyCosignatures,
  parseCosignatureVerifierKey,
  verifyInclusion,
} from '@xprov/log-core';
import { loadOrCreateNoteKey, type RunningServer, startLogServer, startWitnessServer } from '../src/index.js';
import { API_KEY, entry, ORIGIN, tempDir, unb64 } from './helpers.js';

const running: RunningServer[] = [];
afterEach(async () => {
  for (const s of running.splice(0).reverse()) await s.close();
});

describe('startLogServer on 127.0.0.1', () => {
  it('writes keys with the right modes and serves adds and tiles over HTTP', async () => {
    const dir = tempDir();
    const s = await startLogServer({ dataDir: dir, port: 0, origin: ORIGIN, batchDelayMs: 10 });
    running.push(s);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(statSync(join(dir, 'log.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'log-api-key')).mode & 0o777).toBe(0o600);
    const vkey = readFileSync(join(dir, 'log.vkey'), 'utf8').trim();
    expect(vkey).toBe(s.verifierKey);
    const apiKey = readFileSync(join(dir, 'log-api-key'), 'utf8').trim();

    const denied = await fetch(`${s.url}/add`, { method: 'POST', body: entry(0) });
    expect(denied.status).toBe(401);
    const indexes = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        fetch(`${s.url}/add`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` }, body: entry(i) }).then(
          async (r) => ((await r.json()) as { index: number }).index,
        ),
      ),
    );
    expect(new Set(indexes).size).toBe(300);
    const last = await fetch(`${s.url}/add?wait=receipt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}` },
      body: entry(300),
    });
    const { receipt } = (await last.json()) as { receipt: { treeSize: number; inclusionProof: string[]; checkpoint: string } };
    const { checkpoint } = openCheckpoint(receipt.checkpoint, { verifiers: [parseVerifierKey(vkey)], origin: ORIGIN });
    verifyInclusion(leafHash(entry(300)), 300, checkpoint.size, receipt.inclusionProof.map(unb64), checkpoint.rootHash);

    // Roots recomputed from the served entry bundles match the served checkpoint.
    const cp = openCheckpoint(await (await fetch(`${s.url}/checkpoint`)).text(), { verifiers: [parseVerifierKey(vkey)] });
    const all: Uint8Array[] = [];
    for (let n = 0; n * 256 < cp.checkpoint.size; n++) {
      const width = Math.min(256, cp.checkpoint.size - n * 256);
      const r = await fetch(`${s.url}/${tilePath({ level: 'entries', index: n, width })}`);
      all.push(...decodeEntryBundle(new Uint8Array(await r.arrayBuffer()), width));
    }
    expect(rootHash(all.map(leafHash))).toEqual(cp.checkpoint.rootHash);
  });

  it('keeps its identity across restarts and refuses another origin on the same directory', async () => {
    const dir = tempDir();
    const a = await startLogServer({ dataDir: dir, port: 0, origin: ORIGIN, apiKey: API_KEY });
    const vkey = a.verifierKey;
    await a.log.add([entry(1)]);
    await a.log.flush();
    await a.close();
    const b = await startLogServer({ dataDir: dir, port: 0, origin: ORIGIN, apiKey: API_KEY });
    running.push(b);
    expect(b.verifierKey).toBe(vkey);
    expect((await b.log.sizes()).treeSize).toBe(1);
    await b.close();
    running.pop();
    await expect(startLogServer({ dataDir: dir, port: 0, origin: 'other.test/log' })).rejects.toMatchObject({
      code: 'XP_LOG_ORIGIN_MISMATCH',
    });
  });
});

describe('witnessing', () => {
  it('publishes checkpoints with cosignatures from the configured witnesses', async () => {
    const logDir = tempDir();
    const logVkey = loadOrCreateNoteKey(logDir, 'log', ORIGIN).verifierKey;
    const w1 = await startWitnessServer({ dataDir: tempDir(), port: 0, logVkeys: [logVkey], name: 'w1.test' });
    const w2 = await startWitnessServer({ dataDir: tempDir(), port: 0, logVkeys: [logVkey], name: 'w2.test' });
    running.push(w1, w2);
    const witnesses = [
      { url: w1.url, vkey: w1.verifierKey },
      { url: w2.url, vkey: w2.verifierKey },
    ];
    const s = await startLogServer({ dataDir: logDir, port: 0, origin: ORIGIN, apiKey: API_KEY, witnesses, threshold: 2, batchDelayMs: 10 });
    running.push(s);
    for (let round = 0; round < 3; round++) {
      await s.log.add([entry(round * 2), entry(round * 2 + 1)]);
      const r = await s.log.receipt(round * 2 + 1);
      const cosigs = verifyCosignatures(r.checkpoint, witnesses.map((w) => parseCosignatureVerifierKey(w.vkey)), 2);
      expect(cosigs.map((c) => c.name).sort()).toEqual(['w1.test', 'w2.test']);
      openCheckpoint(r.checkpoint, { verifiers: [parseVerifierKey(logVkey)] });
    }
    const served = await (await fetch(`${s.url}/checkpoint`)).text();
    expect(verifyCosignatures(served, witnesses.map((w) => parseCosignatureVerifierKey(w.vkey)), 2)).toHaveLength(2);
  });

  it('does not publish while too few witnesses cosign', async () => {
    const logDir = tempDir();
    const s = await startLogServer({
      dataDir: logDir,
      port: 0,
      origin: ORIGIN,
      apiKey: API_KEY,
      witnesses: [{ url: 'http://127.0.0.1:9', vkey: (await startWitnessServer({ dataDir: tempDir(), port: 0, logVkeys: [] }).then(async (w) => { await w.close(); return w.verifierKey; })) }],
      threshold: 1,
      batchDelayMs: 10,
    });
    running.push(s);
    await s.log.add([entry(0)]);
    await s.log.flush();
    expect((await s.log.sizes()).treeSize).toBe(1);
    expect((await s.log.sizes()).publishedSize).toBe(0);
    const r = await fetch(`${s.url}/checkpoint`);
    expect(r.status).toBe(404);
  });
});
