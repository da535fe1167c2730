/** The GovernorStore contract, run against SQLite and a real PostgreSQL server. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitIsSet, type GovernorStore, PgGovernorStore, SqliteGovernorStore } from '../src/index.js';
import { postgresBinDir, type RunningPostgres, startPostgres } from './postgres.js';

function contract(name: string, durable: boolean, open: () => Promise<GovernorStore>, openSecond?: () => Promise<GovernorStore>) {
  describe(name, () => {
    let s: GovernorStore;
    beforeAll(async () => {
      s = await open();
    }, 120_000);
    afterAll(() => s.close());

    it(`says whether its commits survive a power loss (${durable})`, () => {
      expect(s.commitsSurvivePowerLoss).toBe(durable);
    });

    it('meta: set-if-absent keeps the first value', async () => {
      expect(await s.setMetaIfAbsent('k', 'a')).toBe('a');
      expect(await s.setMetaIfAbsent('k', 'b')).toBe('a');
      expect(await s.getMeta('k')).toBe('a');
      expect(await s.getMeta('missing')).toBeUndefined();
    });

    it('api keys by hash', async () => {
      await s.putApiKey({ id: 'k1', hash: 'ab'.repeat(32), role: 'agent', subject: 'did:key:z1', createdAt: 't' });
      expect(await s.findApiKey('ab'.repeat(32))).toEqual({ id: 'k1', hash: 'ab'.repeat(32), role: 'agent', subject: 'did:key:z1', createdAt: 't' });
      expect(await s.findApiKey('cd'.repeat(32))).toBeUndefined();
    });

    it('authorities are registered once', async () => {
      const a = { did: 'did:web:x', verificationMethod: 'did:web:x#key-1', secretKeyMultibase: 's', publicKeyMultibase: 'p', didDocument: { id: 'did:web:x' }, createdAt: 't' };
      expect(await s.putAuthority(a)).toBe(true);
      expect(await s.putAuthority(a)).toBe(false);
      expect(await s.getAuthority('did:web:x')).toEqual(a);
      expect((await s.listAuthorities()).map((x) => x.did)).toContain('did:web:x');
    });

    it('a challenge is consumed exactly once, even concurrently, and never after it expires', async () => {
      await s.putChallenge('c1', 2_000);
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => s.consumeChallenge('c1', 1_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      await s.putChallenge('c2', 2_000);
      expect(await s.consumeChallenge('c2', 2_000)).toBe(false);
      expect(await s.consumeChallenge('never', 0)).toBe(false);
    });

    it('useChallenge is true exactly once, even concurrently, and never for an expired use', async () => {
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => s.useChallenge('u1', 2_000, 1_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await s.useChallenge('u1', 2_000, 1_500)).toBe(false);
      expect(await s.useChallenge('u2', 2_000, 2_000)).toBe(false);
      expect(await s.useChallenge('u3', 2_000, 1_999)).toBe(true);
    });

    it('credentials are stored once, with their log index', async () => {
      await s.putCredential({ id: 'urn:c1', type: 'T', digest: 'z1', json: { a: 1 }, createdAt: 't' });
      await s.putCredential({ id: 'urn:c1', type: 'T', digest: 'z2', json: { a: 2 }, createdAt: 't' });
      expect((await s.getCredential('urn:c1'))?.digest).toBe('z1');
      await s.setCredentialLogIndex('urn:c1', 7);
      expect((await s.getCredential('urn:c1'))?.logIndex).toBe(7);
    });

    it('a permitted execution is reported exactly once, even concurrently', async () => {
      await s.putExecution({ id: 'e1', agent: 'did:key:z1', state: 'permitted', permitId: 'p1', request: { r: 1 }, createdAt: 't' });
      expect((await s.getExecutionByPermit('p1'))?.id).toBe('e1');
      const results = await Promise.all([1, 2, 3, 4].map((i) => s.reportExecution('e1', { n: i }, `o${i}`)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const e = await s.getExecution('e1');
      expect(e?.state).toBe('reported');
      expect(e?.outcomeId).toMatch(/^o[1-4]$/);
      await s.putExecution({ id: 'e2', agent: 'did:key:z1', state: 'denied', denialId: 'd1', request: {}, createdAt: 't' });
      expect(await s.reportExecution('e2', {}, 'o')).toBe(false);
    });

    it('status indexes are unique under concurrency; bits are MSB-first and versioned', async () => {
      const got = await Promise.all(Array.from({ length: 20 }, () => s.allocateStatusIndex('L', 131072)));
      expect(new Set(got.map((g) => g.index)).size).toBe(20);
      expect(got.filter((g) => g.created)).toHaveLength(1);
      const r = await s.setStatusBit('L', 9);
      expect(r.changed).toBe(true);
      expect(r.list.version).toBe(1);
      expect(r.list.bits[1]).toBe(0x40);
      expect(bitIsSet(r.list.bits, 9)).toBe(true);
      expect((await s.setStatusBit('L', 9)).changed).toBe(false);
      const both = await Promise.all([s.setStatusBit('L', 1), s.setStatusBit('L', 2)]);
      expect(both.every((b) => b.changed)).toBe(true);
      const list = await s.getStatusList('L');
      expect(list?.version).toBe(3);
      expect([1, 2, 9].every((i) => bitIsSet(list!.bits, i))).toBe(true);
      await expect(s.setStatusBit('nope', 1)).rejects.toThrow();
    });

    it('getStatusBit reads one bit as stored now; undefined for an unknown list or an index past the end', async () => {
      await s.allocateStatusIndex('B', 16);
      expect(await s.getStatusBit('B', 3)).toBe(false);
      await s.setStatusBit('B', 3);
      await s.setStatusBit('B', 15);
      expect(await s.getStatusBit('B', 3)).toBe(true);
      expect(await s.getStatusBit('B', 15)).toBe(true);
      expect(await s.getStatusBit('B', 2)).toBe(false);
      expect(await s.getStatusBit('B', 4)).toBe(false);
      expect(await s.getStatusBit('B', 16)).toBeUndefined();
      expect(await s.getStatusBit('B', -1)).toBeUndefined();
      expect(await s.getStatusBit('B', 1.5)).toBeUndefined();
      expect(await s.getStatusBit('nope', 0)).toBeUndefined();
    });

    it('putIssued stores a credential and its execution together, or neither', async () => {
      const cred = (id: string) => ({ id, type: 'ExecutionPermitCredential', digest: `z-${id}`, json: { id }, logIndex: 11, createdAt: 't' });
      await s.putIssued(cred('urn:p1'), { id: 'x1', agent: 'did:key:z1', state: 'permitted', permitId: 'urn:p1', request: { r: 1 }, createdAt: 't' });
      expect(await s.getCredentialDigest('urn:p1')).toEqual({ digest: 'z-urn:p1', logIndex: 11 });
      expect((await s.getExecutionByPermit('urn:p1'))?.id).toBe('x1');
      // Same execution id again: the execution insert fails, so the credential must not stay either.
      await expect(
        s.putIssued(cred('urn:p2'), { id: 'x1', agent: 'did:key:z1', state: 'permitted', permitId: 'urn:p2', request: {}, createdAt: 't' }),
      ).rejects.toThrow();
      expect(await s.getCredentialDigest('urn:p2')).toBeUndefined();
      expect(await s.getCredential('urn:p2')).toBeUndefined();
      expect(await s.getCredentialDigest('urn:none')).toBeUndefined();
    });

    it('writes issued together succeed or fail one by one (group commit keeps each atomic)', async () => {
      const cred = (id: string) => ({ id, type: 'ExecutionPermitCredential', digest: `z-${id}`, json: { id }, logIndex: 1, createdAt: 't' });
      const exec = (id: string, permitId: string) => ({ id, agent: 'did:key:z1', state: 'permitted' as const, permitId, request: {}, createdAt: 't' });
      await s.putIssued(cred('urn:g0'), exec('g0', 'urn:g0'));
      const results = await Promise.allSettled([
        s.putIssued(cred('urn:g1'), exec('g1', 'urn:g1')),
        s.putIssued(cred('urn:g2'), exec('g0', 'urn:g2')), // execution id taken: fails alone
        s.useChallenge('g-ch', 5_000, 1_000),
        s.putIssued(cred('urn:g3'), exec('g3', 'urn:g3')),
        s.useChallenge('g-ch', 5_000, 1_000),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect(results.filter((r) => r.status === 'fulfilled' && r.value === true)).toHaveLength(1);
      expect(await s.getCredentialDigest('urn:g1')).toBeDefined();
      expect(await s.getCredentialDigest('urn:g2')).toBeUndefined();
      expect(await s.getCredentialDigest('urn:g3')).toBeDefined();
      expect((await s.getExecutionByPermit('urn:g3'))?.id).toBe('g3');
    });

    it('snapshots: the one in effect at a time', async () => {
      await s.putSnapshot({ listId: 'L', version: 0, validFrom: '2025-01-01T00:00:00Z', digest: 'z0', json: { v: 0 } });
      await s.putSnapshot({ listId: 'L', version: 1, validFrom: '2025-01-02T00:00:00Z', digest: 'z1', json: { v: 1 } });
      await s.setSnapshotLogIndex('L', 1, 5);
      expect((await s.snapshotAt('L', '2025-01-01T12:00:00Z'))?.version).toBe(0);
      expect((await s.snapshotAt('L'))?.logIndex).toBe(5);
      expect(await s.snapshotAt('L', '2024-01-01T00:00:00Z')).toBeUndefined();
    });

    if (openSecond) {
      it('two store instances share challenges and single-use permits', async () => {
        const t = await openSecond();
        try {
          await s.putChallenge('shared', 10_000);
          expect(await t.consumeChallenge('shared', 1)).toBe(true);
          expect(await s.consumeChallenge('shared', 1)).toBe(false);
          await s.putExecution({ id: 'e9', agent: 'a', state: 'permitted', permitId: 'p9', request: {}, createdAt: 't' });
          const [x, y] = await Promise.all([s.reportExecution('e9', {}, 'o1'), t.reportExecution('e9', {}, 'o2')]);
          expect([x, y].filter(Boolean)).toHaveLength(1);
        } finally {
          await t.close();
        }
      });
    }
  });
}

const dir = mkdtempSync(join(tmpdir(), 'xprov-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
contract(
  'SqliteGovernorStore',
  false,
  async () => new SqliteGovernorStore(join(dir, 'a.db')),
  async () => new SqliteGovernorStore(join(dir, 'a.db')),
);

let pg: Promise<RunningPostgres> | undefined;
const postgres = () => {
  pg ??= startPostgres();
  return pg;
};
afterAll(async () => {
  if (pg) (await pg).stop();
});
if (postgresBinDir() === undefined) {
  describe('PgGovernorStore', () => {
    // .ci/run installs PostgreSQL and sets XPROV_REQUIRE_POSTGRES: there a missing server fails.
    if (process.env.XPROV_REQUIRE_POSTGRES) {
      it('needs PostgreSQL binaries under /usr/lib/postgresql', () => {
        expect(postgresBinDir()).toBeDefined();
      });
    }
    it.skip('skipped: no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)', () => {});
  });
} else {
  contract(
    'PgGovernorStore',
    true,
    async () => PgGovernorStore.connect((await postgres()).url),
    async () => PgGovernorStore.connect((await postgres()).url),
  );
}
