/**
 * One-time challenges without a write per challenge (spec/governor.md §Challenges, §Performance).
 *
 * A challenge is `<expiry ms, base36>.<16 random bytes>.<MAC>`, the MAC being the first 16 bytes
 * of HMAC-SHA-256 over `<expiry>.<nonce>` under a 32-byte key kept in the store's meta table (so
 * every governor instance on the store shares it, and the key never leaves the store). `POST
 * /challenges` writes nothing; consuming a challenge checks the MAC (constant time) and expiry,
 * then records the use atomically in the store (`useChallenge`: true exactly once). A challenge
 * we did not mint, a tampered expiry and a replay are all refused.
 *
 * The challenge string comes back inside the agent's presentation: attacker-controlled.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { GovernorStore } from './store.js';

const META_KEY = 'challenge-mac-key';
const FORMAT = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

export interface ChallengeOptions {
  /**
   * Refuse challenges that expire before this (ms since the epoch). A governor on a store whose
   * commits may be lost on power loss passes its start time + the challenge lifetime, i.e. it
   * refuses every challenge handed out before it started (spec/governor.md §12).
   */
  earliestExpiry?: number;
}

export class Challenges {
  readonly #store: GovernorStore;
  readonly #earliestExpiry: number;
  #key: Promise<Buffer> | undefined;

  constructor(store: GovernorStore, options: ChallengeOptions = {}) {
    this.#store = store;
    this.#earliestExpiry = options.earliestExpiry ?? Number.NEGATIVE_INFINITY;
  }

  /** The MAC key: created once per store (race-safe between instances), then cached. */
  #macKey(): Promise<Buffer> {
    this.#key ??= this.#store
      .setMetaIfAbsent(META_KEY, randomBytes(32).toString('base64url'))
      .then((k) => Buffer.from(k, 'base64url'))
      .catch((e: unknown) => {
        this.#key = undefined;
        throw e;
      });
    return this.#key;
  }

  static #mac(key: Buffer, body: string): Buffer {
    return createHmac('sha256', key).update(body).digest().subarray(0, 16);
  }

  /** A fresh challenge valid until `expiresAt` (ms since the epoch). */
  async mint(expiresAt: number): Promise<string> {
    const body = `${expiresAt.toString(36)}.${randomBytes(16).toString('base64url')}`;
    return `${body}.${Challenges.#mac(await this.#macKey(), body).toString('base64url')}`;
  }

  /** True exactly once for a challenge minted here that has not expired at `now`. */
  async consume(challenge: string, now: number): Promise<boolean> {
    const m = typeof challenge === 'string' ? FORMAT.exec(challenge) : null;
    if (m === null) return false;
    const expiresAt = Number.parseInt(m[1]!, 36);
    if (!Number.isSafeInteger(expiresAt) || expiresAt <= now || expiresAt < this.#earliestExpiry) return false;
    const given = Buffer.from(m[3]!, 'base64url');
    const want = Challenges.#mac(await this.#macKey(), `${m[1]}.${m[2]}`);
    if (given.length !== want.length || !timingSafeEqual(given, want)) return false;
    return this.#store.useChallenge(challenge, expiresAt, now);
  }
}
