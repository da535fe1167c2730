import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { generateNoteKey, MemoryTree, signCheckpoint } from '@xprov/log-core';
import {
  fetchCheckpoint,
  listen,
  type RunningServer,
  verifyConsistencyFromTiles,
  verifyInclusionFromTiles,
} from '../src/index.js';
import { entry, openLog, ORIGIN } from './helpers.js';

const running: RunningServer[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

/** A real log on 127.0.0.1, optionally behind a proxy that tampers with one path's bytes. */
async function serve(n: number, tamper?: (path: string, body: Uint8Array) => Uint8Array) {
  const s = await openLog();
  for (let i = 0; i < n; i++) await s.log.add([entry(i)]);
  await s.log.flush();
  const front = new Hono();
  front.all('*', async (c) => {
    const res = await s.app.request(c.req.path);
    if (!tamper) return res;
    const body = tamper(c.req.path, new Uint8Array(await res.arrayBuffer()));
    return new Response(body as Uint8Array<ArrayBuffer>, { status: res.status, headers: res.headers });
  });
  const server = await listen(front.fetch, 0, '127.0.0.1');
  running.push({ ...server, close: async () => { await server.close(); await s.log.close(); } });
  return { url: server.url, vkey: s.key.verifierKey, log: s.log, key: s.key };
}

function flip(b: Uint8Array, at: number): Uint8Array<ArrayBuffer> {
  const c = new Uint8Array(b);
  c[at] = c[at]! ^ 1;
  return c;
}

describe('verifying client (tiles only)', () => {
  it('verifies checkpoint, inclusion and consistency from an honest log', async () => {
    const { url, vkey } = await serve(300);
    const cp = await fetchCheckpoint(url, vkey);
    expect(cp.checkpoint.size).toBe(300);
    const inc = await verifyInclusionFromTiles(url, 257, vkey);
    expect(Buffer.from(inc.entry, 'base64')).toEqual(Buffer.from(entry(257)));
    const con = await verifyConsistencyFromTiles(url, 100, vkey);
    expect(con.to).toBe(300);
  });

  it('refuses a checkpoint not signed by the given key', async () => {
    const { url } = await serve(3);
    const other = generateNoteKey(ORIGIN, new Uint8Array(32).fill(1));
    await expect(fetchCheckpoint(url, other.verifierKey)).rejects.toMatchObject({ code: 'XP_LOG_CHECKPOINT_SIGNATURE' });
  });

  it('refuses tiles or entries that do not match the checkpoint', async () => {
    const badTile = await serve(300, (p, b) => (p === '/tile/0/001.p/44' ? flip(b, 5) : b));
    await expect(verifyInclusionFromTiles(badTile.url, 260, badTile.vkey)).rejects.toMatchObject({ code: 'XP_LOG_INCLUSION' });
    const badEntry = await serve(300, (p, b) => (p === '/tile/entries/001.p/44' ? flip(b, 5) : b));
    await expect(verifyInclusionFromTiles(badEntry.url, 256, badEntry.vkey)).rejects.toMatchObject({ code: 'XP_LOG_INCLUSION' });
    await expect(verifyConsistencyFromTiles(badTile.url, 10, badTile.vkey)).rejects.toMatchObject({ code: 'XP_LOG_INCONSISTENT' });
  });

  it('refuses an old checkpoint the current tree does not extend (a fork)', async () => {
    const { url, vkey, key } = await serve(20);
    const fork = new MemoryTree();
    for (let i = 0; i < 10; i++) fork.append(entry(i === 3 ? 999 : i));
    const old = signCheckpoint({ origin: ORIGIN, size: 10, rootHash: fork.root() }, [key.signer]);
    await expect(verifyConsistencyFromTiles(url, 10, vkey, old)).rejects.toMatchObject({ code: 'XP_LOG_INCONSISTENT' });
    await expect(verifyConsistencyFromTiles(url, 9, vkey, old)).rejects.toMatchObject({ code: 'XP_USAGE' });
    await expect(verifyInclusionFromTiles(url, 20, vkey)).rejects.toMatchObject({ code: 'XP_LOG_INCLUSION' });
  });

  it('reports an unreachable log as XP_IO', async () => {
    const { vkey } = await serve(1);
    await expect(fetchCheckpoint('http://127.0.0.1:9', vkey)).rejects.toMatchObject({ code: 'XP_IO' });
  });
});
