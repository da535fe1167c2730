/**
 * One-time challenges (challenges.ts): nothing is stored when one is handed out; using one checks
 * its MAC and expiry and records the use once. Real SQLite stores; two governors share one file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Challenges } from '../src/challenges.js';
import { SqliteGovernorStore } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'xprov-challenges-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = 1_800_000_000_000;

describe('Challenges', () => {
  it('a minted challenge is accepted once, even concurrently; a replay is refused', async () => {
    const c = new Challenges(new SqliteGovernorStore(join(dir, 'a.db')));
    const ch = await c.mint(NOW + 60_000);
    const results = await Promise.all([1, 2, 3, 4].map(() => c.consume(ch, NOW)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await c.consume(ch, NOW + 1)).toBe(false);
  });

  it('refuses an expired challenge, a tampered expiry, a tampered MAC or nonce, and garbage', async () => {
    const c = new Challenges(new SqliteGovernorStore(join(dir, 'b.db')));
    const ch = await c.mint(NOW + 60_000);
    expect(await c.consume(ch, NOW + 60_000)).toBe(false);
    const [exp, nonce, mac] = ch.split('.') as [string, string, string];
    const later = (Number.parseInt(exp, 36) + 3_600_000).toString(36);
    expect(await c.consume(`${later}.${nonce}.${mac}`, NOW)).toBe(false);
    const flip = (s: string) => (s[0] === 'A' ? `B${s.slice(1)}` : `A${s.slice(1)}`);
    expect(await c.consume(`${exp}.${nonce}.${flip(mac)}`, NOW)).toBe(false);
    expect(await c.consume(`${exp}.${flip(nonce)}.${mac}`, NOW)).toBe(false);
    for (const bad of ['', 'x', `${ch}.`, `${exp}.${nonce}`, 'a'.repeat(5000), undefined as unknown as string]) {
      expect(await c.consume(bad, NOW)).toBe(false);
    }
    // The untampered challenge still works once.
    expect(await c.consume(ch, NOW)).toBe(true);
  });

  it('with earliestExpiry (a restart on a store that may lose commits), a challenge from before is refused', async () => {
    const file = join(dir, 'restart.db');
    const TTL = 120_000;
    const before = new Challenges(new SqliteGovernorStore(file));
    const old = await before.mint(NOW + TTL);
    // The governor restarts 1 s later: challenges handed out before then are not accepted.
    const after = new Challenges(new SqliteGovernorStore(file), { earliestExpiry: NOW + 1_000 + TTL });
    expect(await after.consume(old, NOW + 2_000)).toBe(false);
    const fresh = await after.mint(NOW + 2_000 + TTL);
    expect(await after.consume(fresh, NOW + 2_000)).toBe(true);
    // The refused one was not recorded as used: without the rule it would still be accepted once.
    expect(await before.consume(old, NOW + 2_000)).toBe(true);
  });

  it('a challenge minted by one governor is accepted by another on the same store, once', async () => {
    const file = join(dir, 'shared.db');
    const a = new Challenges(new SqliteGovernorStore(file));
    const b = new Challenges(new SqliteGovernorStore(file));
    const ch = await a.mint(NOW + 60_000);
    expect(await b.consume(ch, NOW)).toBe(true);
    expect(await a.consume(ch, NOW)).toBe(false);
  });

  it('a challenge from a governor with another store (another key) is refused', async () => {
    const a = new Challenges(new SqliteGovernorStore(join(dir, 'c.db')));
    const b = new Challenges(new SqliteGovernorStore(join(dir, 'd.db')));
    expect(await b.consume(await a.mint(NOW + 60_000), NOW)).toBe(false);
  });
});
