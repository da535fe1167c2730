import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  formatAddCheckpointRequest,
  generateNoteKey,
  MemoryTree,
  parseCosignatureVerifierKey,
  signCheckpoint,
  verifyCosignatures,
} from '@xprov/log-core';
import { createWitnessApp } from '../src/index.js';
import { entry, tempDir } from './helpers.js';

const ORIGIN = 'example.test/wlog';
const logKey = generateNoteKey(ORIGIN, new Uint8Array(32).fill(3));
const otherKey = generateNoteKey(ORIGIN, new Uint8Array(32).fill(4));

function treeOf(n: number): MemoryTree {
  const t = new MemoryTree();
  for (let i = 0; i < n; i++) t.append(entry(i));
  return t;
}

async function body(oldSize: number, size: number, key = logKey): Promise<string> {
  const t = treeOf(size);
  const proof = oldSize === 0 ? [] : await consistencyProof(oldSize, size, t.readHashes);
  const cp = signCheckpoint({ origin: ORIGIN, size, rootHash: t.root() }, [key.signer]);
  return formatAddCheckpointRequest({ oldSize, proof, checkpoint: cp });
}

function witness() {
  return createWitnessApp({ dataDir: tempDir(), logVkeys: [logKey.verifierKey], name: 'w.test', now: () => 1_700_000_000 });
}

describe('witness add-checkpoint (C2SP tlog-witness)', () => {
  it('cosigns consistent checkpoints and advances its state', async () => {
    const w = witness();
    const r1 = await w.app.request('/add-checkpoint', { method: 'POST', body: await body(0, 5) });
    expect(r1.status).toBe(200);
    const t5 = treeOf(5);
    const cp5 = signCheckpoint({ origin: ORIGIN, size: 5, rootHash: t5.root() }, [logKey.signer]);
    const [c] = verifyCosignatures(cp5 + (await r1.text()), [parseCosignatureVerifierKey(w.verifierKey)], 1);
    expect(c!.timestamp).toBe(1_700_000_000);
    const r2 = await w.app.request('/add-checkpoint', { method: 'POST', body: await body(5, 9) });
    expect(r2.status).toBe(200);
    w.close();
  });

  it('answers 409 with its size when the old size is stale', async () => {
    const w = witness();
    await w.app.request('/add-checkpoint', { method: 'POST', body: await body(0, 5) });
    const r = await w.app.request('/add-checkpoint', { method: 'POST', body: await body(0, 9) });
    expect(r.status).toBe(409);
    expect(r.headers.get('content-type')).toBe('text/x.tlog.size');
    expect(await r.text()).toBe('5\n');
    w.close();
  });

  it('refuses an unknown log (404), a bad signature (403), a bad proof (422), garbage (400)', async () => {
    const w = witness();
    const unknown = generateNoteKey('other.test/log', new Uint8Array(32).fill(9));
    const t = treeOf(3);
    const cpUnknown = signCheckpoint({ origin: 'other.test/log', size: 3, rootHash: t.root() }, [unknown.signer]);
    const r404 = await w.app.request('/add-checkpoint', {
      method: 'POST',
      body: formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: cpUnknown }),
    });
    expect(r404.status).toBe(404);
    expect(((await r404.json()) as { error: { code: string } }).error.code).toBe('XP_WITNESS_UNKNOWN_LOG');
    const r403 = await w.app.request('/add-checkpoint', { method: 'POST', body: await body(0, 3, otherKey) });
    expect(r403.status).toBe(403);
    await w.app.request('/add-checkpoint', { method: 'POST', body: await body(0, 4) });
    const good = await body(4, 8);
    const tampered = good.replace(/^old 4\n([A-Za-z0-9+/])/, (_m, c: string) => `old 4\n${c === 'A' ? 'B' : 'A'}`);
    const r422 = await w.app.request('/add-checkpoint', { method: 'POST', body: tampered });
    expect(r422.status).toBe(422);
    expect(((await r422.json()) as { error: { code: string } }).error.code).toBe('XP_LOG_INCONSISTENT');
    const r400 = await w.app.request('/add-checkpoint', { method: 'POST', body: 'hello' });
    expect(r400.status).toBe(400);
    // None of the refusals moved the witness: 4 → 8 still works.
    expect((await w.app.request('/add-checkpoint', { method: 'POST', body: good })).status).toBe(200);
    w.close();
  });
});
