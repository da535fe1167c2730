/** DESIGN §6: every protected route refuses no key, a wrong key, a wrong role, malformed and oversized bodies — and changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, harness, type Harness } from './helpers.js';

let h: Harness;
const keys: Record<string, string> = {};

beforeAll(async () => {
  h = await harness();
  keys.admin = h.adminKey;
  for (const role of ['agent', 'auditor'] as const) {
    keys[role] = (await call(h.app, 'POST', '/api-keys', h.adminKey, { role })).body.apiKey;
  }
  keys.authority = (await call(h.app, 'POST', '/authorities', h.adminKey, { method: 'key' })).body.apiKey;
});
afterAll(() => h.close());

const ROUTES: Array<{ method: string; path: string; roles: string[]; body: boolean }> = [
  { method: 'POST', path: '/api-keys', roles: ['admin'], body: true },
  { method: 'POST', path: '/authorities', roles: ['admin'], body: true },
  { method: 'POST', path: '/grants', roles: ['authority', 'admin'], body: true },
  { method: 'POST', path: '/revocations', roles: ['authority', 'admin'], body: true },
  { method: 'POST', path: '/challenges', roles: ['agent'], body: false },
  { method: 'POST', path: '/permits', roles: ['agent'], body: true },
  { method: 'POST', path: '/outcomes', roles: ['agent'], body: true },
  { method: 'GET', path: '/executions/urn:uuid:00000000-0000-4000-8000-000000000000/bundle', roles: ['auditor', 'admin', 'agent'], body: false },
  { method: 'GET', path: '/metrics', roles: ['admin', 'auditor'], body: false },
];

async function stateCounts() {
  return {
    authorities: (await h.store.listAuthorities()).length,
    list: (await h.store.getStatusList('revocation-1'))?.nextIndex ?? 0,
  };
}

describe('authentication and roles', () => {
  for (const r of ROUTES) {
    it(`${r.method} ${r.path}: no key 401, wrong key 401, wrong role 403, nothing changes`, async () => {
      const before = await stateCounts();
      const none = await call(h.app, r.method, r.path, undefined, r.body ? {} : undefined);
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe('XP_AUTH_MISSING');
      const wrong = await call(h.app, r.method, r.path, 'xpk_not-a-key', r.body ? {} : undefined);
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('XP_AUTH_INVALID');
      const malformedHeader = await call(h.app, r.method, r.path, undefined, undefined, { authorization: 'Basic abc' });
      expect(malformedHeader.body.error.code).toBe('XP_AUTH_INVALID');
      for (const role of Object.keys(keys).filter((k) => !r.roles.includes(k))) {
        const res = await call(h.app, r.method, r.path, keys[role], r.body ? {} : undefined);
        expect(res.status, role).toBe(403);
        expect(res.body.error.code).toBe('XP_AUTH_FORBIDDEN');
      }
      expect(await stateCounts()).toEqual(before);
    });
  }
});

describe('bodies', () => {
  const withBody = ROUTES.filter((r) => r.body);
  for (const r of withBody) {
    it(`${r.path}: malformed JSON 400, wrong shape 400, over 1 MiB 413, nothing changes`, async () => {
      const key = keys[r.roles[0]!]!;
      const before = await stateCounts();
      const bad = await call(h.app, r.method, r.path, key, '{"unterminated');
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('XP_BODY_MALFORMED');
      const shape = await call(h.app, r.method, r.path, key, { unexpected: true, method: 42 });
      expect(shape.status).toBe(400);
      expect(shape.body.error.code).toBe('XP_BODY_INVALID');
      const big = await call(h.app, r.method, r.path, key, JSON.stringify({ x: 'a'.repeat(1024 * 1024 + 10) }));
      expect(big.status).toBe(413);
      expect(big.body.error.code).toBe('XP_BODY_TOO_LARGE');
      expect(await stateCounts()).toEqual(before);
    });
  }

  it('a streamed body without Content-Length over 1 MiB is 413', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(256 * 1024));
    let n = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (n++ < 6) c.enqueue(chunk);
        else c.close();
      },
    });
    const res = await h.app.request('/grants', {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.authority}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('XP_BODY_TOO_LARGE');
  });
});

describe('public routes', () => {
  it('healthz reports the log reachable', async () => {
    const r = await call(h.app, 'GET', '/healthz');
    expect(r.status).toBe(200);
    expect(r.body.log.reachable).toBe(true);
  });
  it('an unknown status list is 404 with a code', async () => {
    const r = await call(h.app, 'GET', '/status-lists/nope');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('XP_NOT_FOUND');
  });
  it('metrics need a key and are Prometheus text', async () => {
    const r = await h.app.request('/metrics', { headers: { authorization: `Bearer ${keys.auditor}` } });
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('xprov_governor_permits_total');
  });
});
