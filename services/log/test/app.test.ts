import { afterEach, describe, expect, it } from 'vitest';
import {
  decodeEntryBundle,
  decodeHashTile,
  encodeEntryBundle,
  encodeHashTile,
  leafHash,
  MemoryTree,
  openCheckpoint,
  rootHash,
  tilePath,
  verifyConsistency,
  verifyInclusion,
} from '@xprov/log-core';
import type { LogService } from '../src/index.js';
import { auth, b64, entry, openLog, ORIGIN, unb64 } from './helpers.js';

let current: LogService | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function setup(opts = {}) {
  const s = await openLog(undefined, opts);
  current = s.log;
  return s;
}

/** POST through the app as an HTTP client would send it (with Content-Length). */
function post(app: { request: (p: string, i: RequestInit) => Response | Promise<Response> }, path: string, body: Uint8Array<ArrayBuffer> | string, headers: Record<string, string> = auth) {
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  return app.request(path, { method: 'POST', headers: { ...headers, 'content-length': String(length) }, body });
}

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

describe('POST /add', () => {
  it('sequences entries and answers their index', async () => {
    const { app } = await setup();
    const r0 = await post(app, '/add', entry(0));
    const r1 = await post(app, '/add', entry(1));
    expect(r0.status).toBe(200);
    expect(await r0.json()).toEqual({ index: 0 });
    expect(await r1.json()).toEqual({ index: 1 });
  });

  it('refuses a missing, malformed or wrong key with 401 and changes nothing', async () => {
    const { app, log } = await setup();
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'XP_AUTH_MISSING'],
      [{ authorization: 'Basic abc' }, 'XP_AUTH_INVALID'],
      [{ authorization: 'Bearer wrong-key' }, 'XP_AUTH_INVALID'],
      [{ authorization: 'Bearer ' }, 'XP_AUTH_INVALID'],
    ];
    for (const [headers, code] of cases) {
      for (const path of ['/add', '/add-batch']) {
        const res = await post(app, path, entry(0), headers);
        expect(res.status).toBe(401);
        expect(await errorCode(res)).toBe(code);
      }
    }
    expect((await log.sizes()).sequencedSize).toBe(0);
  });

  it('refuses an empty entry (400) and one over 65535 bytes (413)', async () => {
    const { app, log } = await setup();
    const empty = await post(app, '/add', new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(await errorCode(empty)).toBe('XP_ENTRY_EMPTY');
    const big = await post(app, '/add', new Uint8Array(65536));
    expect(big.status).toBe(413);
    expect(await errorCode(big)).toBe('XP_ENTRY_TOO_LARGE');
    const max = await post(app, '/add', new Uint8Array(65535).fill(1));
    expect(await max.json()).toEqual({ index: 0 });
    expect((await log.sizes()).sequencedSize).toBe(1);
  });

  it('refuses an unknown wait mode', async () => {
    const { app } = await setup();
    const res = await post(app, '/add?wait=forever', entry(0));
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('XP_QUERY_INVALID');
  });

  it('?wait=receipt answers a receipt whose proof reaches the signed checkpoint', async () => {
    const { app, key } = await setup();
    await post(app, '/add', entry(0));
    const res = await post(app, '/add?wait=receipt', entry(1));
    const { index, receipt } = (await res.json()) as {
      index: number;
      receipt: { origin: string; index: number; treeSize: number; inclusionProof: string[]; checkpoint: string };
    };
    expect(index).toBe(1);
    expect(receipt.origin).toBe(ORIGIN);
    const { checkpoint } = openCheckpoint(receipt.checkpoint, { verifiers: [key.verifier], origin: ORIGIN });
    expect(checkpoint.size).toBe(receipt.treeSize);
    verifyInclusion(leafHash(entry(1)), 1, receipt.treeSize, receipt.inclusionProof.map(unb64), checkpoint.rootHash);
  });
});

describe('POST /add-batch', () => {
  it('sequences a batch in order', async () => {
    const { app } = await setup();
    const body = JSON.stringify({ entries: [entry(0), entry(1), entry(2)].map(b64) });
    const res = await post(app, '/add-batch', body);
    expect(await res.json()).toEqual({ indexes: [0, 1, 2] });
  });

  it.each([
    ['not JSON', 'not json', 'XP_BATCH_MALFORMED'],
    ['no entries', '{}', 'XP_BATCH_MALFORMED'],
    ['zero entries', '{"entries":[]}', 'XP_BATCH_MALFORMED'],
    ['bad base64', '{"entries":["***"]}', 'XP_BATCH_MALFORMED'],
    ['a number', '{"entries":[7]}', 'XP_BATCH_MALFORMED'],
    ['an empty entry', '{"entries":[""]}', 'XP_ENTRY_EMPTY'],
    ['a 65536-byte entry', JSON.stringify({ entries: [b64(new Uint8Array(65536))] }), 'XP_ENTRY_TOO_LARGE'],
    ['1025 entries', JSON.stringify({ entries: Array.from({ length: 1025 }, () => 'AA==') }), 'XP_BATCH_MALFORMED'],
  ])('refuses %s', async (_name, body, code) => {
    const { app, log } = await setup();
    const res = await post(app, '/add-batch', body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await errorCode(res)).toBe(code);
    expect((await log.sizes()).sequencedSize).toBe(0);
  });
});

describe('reads', () => {
  async function filled(n: number) {
    const s = await setup();
    const entries = Array.from({ length: n }, (_, i) => entry(i, 8 + (i % 50)));
    for (let i = 0; i < n; i += 500) await s.log.add(entries.slice(i, i + 500));
    await s.log.flush();
    return { ...s, entries };
  }

  it('serves a signed checkpoint whose root is recomputed from tile/entries', async () => {
    const { app, key, entries } = await filled(600);
    const res = await app.request('/checkpoint');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const { checkpoint } = openCheckpoint(await res.text(), { verifiers: [key.verifier], origin: ORIGIN });
    expect(checkpoint.size).toBe(600);
    const fetched: Uint8Array[] = [];
    for (const [n, w] of [
      [0, 256],
      [1, 256],
      [2, 88],
    ] as const) {
      const r = await app.request(`/${tilePath({ level: 'entries', index: n, width: w })}`);
      expect(r.status).toBe(200);
      fetched.push(...decodeEntryBundle(new Uint8Array(await r.arrayBuffer()), w));
    }
    expect(fetched).toEqual(entries);
    expect(rootHash(fetched.map(leafHash))).toEqual(checkpoint.rootHash);
  });

  it('serves tiles byte-identical to the C2SP encoding, with cache headers', async () => {
    const { app, entries } = await filled(1000);
    const leaves = entries.map(leafHash);
    const full0 = await app.request('/tile/0/000');
    expect(full0.headers.get('cache-control')).toContain('immutable');
    expect(new Uint8Array(await full0.arrayBuffer())).toEqual(encodeHashTile(leaves.slice(0, 256)));
    const part0 = await app.request('/tile/0/003.p/232');
    expect(part0.headers.get('cache-control')).not.toContain('immutable');
    expect(new Uint8Array(await part0.arrayBuffer())).toEqual(encodeHashTile(leaves.slice(768, 1000)));
    // An older, narrower partial tile is a prefix (tlog-tiles: partial tiles of earlier checkpoints).
    const older = await app.request('/tile/0/003.p/5');
    expect(new Uint8Array(await older.arrayBuffer())).toEqual(encodeHashTile(leaves.slice(768, 773)));
    const l1 = await app.request('/tile/1/000.p/3');
    const l1Hashes = decodeHashTile(new Uint8Array(await l1.arrayBuffer()), 3);
    expect(l1Hashes).toEqual([0, 1, 2].map((n) => rootHash(leaves.slice(n * 256, n * 256 + 256))));
    const bundle = await app.request('/tile/entries/001');
    expect(new Uint8Array(await bundle.arrayBuffer())).toEqual(encodeEntryBundle(entries.slice(256, 512)));
    const oldBundle = await app.request('/tile/entries/003.p/2');
    expect(new Uint8Array(await oldBundle.arrayBuffer())).toEqual(encodeEntryBundle(entries.slice(768, 770)));
  });

  it('404s tiles beyond the tree and 400s malformed tile paths', async () => {
    const { app } = await filled(300);
    for (const p of ['/tile/0/001', '/tile/0/001.p/45', '/tile/0/002.p/1', '/tile/1/000', '/tile/2/000.p/1', '/tile/entries/001']) {
      const r = await app.request(p);
      expect(r.status, p).toBe(404);
      expect(await errorCode(r)).toBe('XP_NOT_FOUND');
    }
    for (const p of ['/tile/0/1', '/tile/0/x000/001', '/tile/64/000', '/tile/0/000.p/256', '/tile/0/000.p/0', '/tile/a/000']) {
      const r = await app.request(p);
      expect(r.status, p).toBe(400);
      expect(await errorCode(r)).toBe('XP_TILE_PATH_MALFORMED');
    }
  });

  it('serves inclusion and consistency proofs that verify, for every index and size', async () => {
    const { app, log, key } = await setup();
    const tree = new MemoryTree();
    const roots: Uint8Array[] = [];
    for (let i = 0; i < 40; i++) {
      await log.add([entry(i)]);
      tree.append(entry(i));
      await log.flush();
      roots.push(tree.root());
    }
    const { checkpoint } = openCheckpoint((await log.checkpoint())!, { verifiers: [key.verifier] });
    expect(checkpoint.rootHash).toEqual(roots[39]);
    for (let size = 1; size <= 40; size++) {
      for (let index = 0; index < size; index++) {
        const r = await app.request(`/proof/inclusion?index=${index}&size=${size}`);
        const { proof } = (await r.json()) as { proof: string[] };
        expect(r.status, `inclusion ${index} ${size}`).toBe(200);
        verifyInclusion(leafHash(entry(index)), index, size, proof.map(unb64), roots[size - 1]!);
      }
      for (let from = 1; from <= size; from++) {
        const r = await app.request(`/proof/consistency?from=${from}&to=${size}`);
        const { proof, error } = (await r.json()) as { proof: string[]; error: unknown };
        expect(error, `consistency ${from} ${size}`).toBeUndefined();
        verifyConsistency(from, size, proof.map(unb64), roots[from - 1]!, roots[size - 1]!);
      }
    }
  });

  it('refuses malformed or out-of-range proof queries with 400 and a code', async () => {
    const { app } = await filled(10);
    const cases: Array<[string, string]> = [
      ['/proof/inclusion?index=0', 'XP_QUERY_INVALID'],
      ['/proof/inclusion?index=-1&size=3', 'XP_QUERY_INVALID'],
      ['/proof/inclusion?index=01&size=3', 'XP_QUERY_INVALID'],
      ['/proof/inclusion?index=1e3&size=3', 'XP_QUERY_INVALID'],
      ['/proof/inclusion?index=3&size=3', 'XP_QUERY_INVALID'],
      ['/proof/inclusion?index=0&size=11', 'XP_LOG_SIZE_BEYOND_TREE'],
      ['/proof/inclusion?index=0&size=0', 'XP_LOG_SIZE_BEYOND_TREE'],
      ['/proof/consistency?from=0&to=5', 'XP_QUERY_INVALID'],
      ['/proof/consistency?from=6&to=5', 'XP_QUERY_INVALID'],
      ['/proof/consistency?from=1&to=99', 'XP_LOG_SIZE_BEYOND_TREE'],
      ['/proof/consistency?from=x&to=5', 'XP_QUERY_INVALID'],
    ];
    for (const [path, code] of cases) {
      const r = await app.request(path);
      expect(r.status, path).toBe(400);
      expect(await errorCode(r), path).toBe(code);
    }
  });

  it('serves health and Prometheus metrics', async () => {
    const { app } = await filled(300);
    const h = await app.request('/healthz');
    expect(await h.json()).toMatchObject({ status: 'ok', treeSize: 300, sequencedSize: 300 });
    const m = await (await app.request('/metrics')).text();
    expect(m).toContain('xprov_log_tree_size 300');
    expect(m).toContain('xprov_log_integration_latency_seconds_bucket');
    expect(m).toContain('xprov_log_entries_added_total 300');
  });

  it('serves a signed size-0 checkpoint before the first entry', async () => {
    const { app, key } = await setup();
    const { checkpoint } = openCheckpoint(await (await app.request('/checkpoint')).text(), { verifiers: [key.verifier] });
    expect(checkpoint.size).toBe(0);
  });
});

describe('Content-Length', () => {
  it('is required (411) and checked before the body is read', async () => {
    const { app, log } = await setup();
    const none = await app.request('/add', { method: 'POST', headers: auth, body: entry(0) });
    expect(none.status).toBe(411);
    expect(await errorCode(none)).toBe('XP_LENGTH_REQUIRED');
    const lying = await app.request('/add', { method: 'POST', headers: { ...auth, 'content-length': '70000' }, body: entry(0) });
    expect(lying.status).toBe(413);
    expect(await errorCode(lying)).toBe('XP_ENTRY_TOO_LARGE');
    const bad = await app.request('/add', { method: 'POST', headers: { ...auth, 'content-length': '-1' }, body: entry(0) });
    expect(bad.status).toBe(400);
    expect((await log.sizes()).sequencedSize).toBe(0);
  });
});
