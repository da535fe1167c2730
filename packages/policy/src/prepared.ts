/**
 * spec/policy.md §5, engine side: bounded caches that spare Cedar re-parsing on every request.
 *
 * - `preparePolicySet`: a grant's Cedar source → its parsed JSON form and digest (spec/policy.md
 *   §2–3), cached by the source text.
 * - `CedarSlots`: Cedar's own preparsed store (`preparsePolicySet` / `statefulIsAuthorized`),
 *   ≈ 3× less time per evaluation than `isAuthorized`, which parses the policies on every call.
 *   A slot is looked up by content (a policy set's digest, or the digests of a chain) right before
 *   each Cedar call, never remembered elsewhere, so a slot reused after eviction cannot answer for
 *   the set it held before.
 *
 * Sources are attacker-controlled: every cache is keyed on content (never object identity), only
 * ever maps a key to what that content yields, and is bounded (`CACHE_LIMIT` entries; Cedar's store
 * has no delete, so an evicted key hands its slot id to the next one, which overwrites it). A set
 * Cedar refuses to preparse gets no slot and is evaluated statelessly.
 */
import { cedar, type PolicyJson } from './cedar.js';
import { digestOfParsed } from './digest.js';
import { parsePolicySet, type ParsedPolicySet } from './parse.js';

export interface PreparedPolicySet {
  parsed: ParsedPolicySet;
  /** spec/policy.md §3 digest of the parsed set. */
  digest: string;
}

export const CACHE_LIMIT = 256;

/** A Map used as a bounded LRU: a hit moves to the end, the first entry is the oldest. */
function touch<K, V>(map: Map<K, V>, key: K): V | undefined {
  const hit = map.get(key);
  if (hit !== undefined) {
    map.delete(key);
    map.set(key, hit);
  }
  return hit;
}

const parsedCache = new Map<string, PreparedPolicySet>();

/** Parses (throws `XP_POLICY_SYNTAX` like `parsePolicySet`) and digests `source`, cached. */
export function preparePolicySet(source: string): PreparedPolicySet {
  const hit = touch(parsedCache, source);
  if (hit) return hit;
  const parsed = parsePolicySet(source);
  const entry: PreparedPolicySet = { parsed, digest: digestOfParsed(parsed) };
  if (parsedCache.size >= CACHE_LIMIT) parsedCache.delete(parsedCache.keys().next().value as string);
  parsedCache.set(source, entry);
  return entry;
}

/** Content key → Cedar preparsed policy-set id, bounded, with slot ids reused on eviction. */
export class CedarSlots {
  readonly #prefix: string;
  readonly #limit: number;
  /** key → slot id, or null when Cedar refused the set. */
  readonly #slots = new Map<string, string | null>();
  readonly #free: string[] = [];
  #made = 0;

  constructor(prefix: string, limit = CACHE_LIMIT) {
    this.#prefix = prefix;
    this.#limit = limit;
  }

  /**
   * The slot holding the policies `key` names, preparsing `policies()` on a miss; undefined when
   * Cedar refuses them. Use the slot at once: a later call may hand it to another key.
   */
  slot(key: string, policies: () => Record<string, PolicyJson>): string | undefined {
    const hit = touch(this.#slots, key);
    if (hit !== undefined) return hit ?? undefined;
    if (this.#slots.size >= this.#limit) {
      const oldest = this.#slots.keys().next().value as string;
      const freed = this.#slots.get(oldest);
      this.#slots.delete(oldest);
      if (freed) this.#free.push(freed);
    }
    const slot = this.#free.pop() ?? `${this.#prefix}-${this.#made++}`;
    let accepted = false;
    try {
      accepted = cedar.preparsePolicySet(slot, { staticPolicies: policies() }).type === 'success';
    } catch {
      accepted = false;
    }
    // A refused preparse leaves the slot as it was (Cedar: side-effect free on error): never use it for this key.
    if (!accepted) this.#free.push(slot);
    this.#slots.set(key, accepted ? slot : null);
    return accepted ? slot : undefined;
  }

  /** Slot ids ever created (at most the limit + 1); for tests. */
  get created(): number {
    return this.#made;
  }
}

/** Slots for single grant policy sets, keyed by their digest. */
export const setSlots = new CedarSlots('xprov-set');
