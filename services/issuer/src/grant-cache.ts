/**
 * Verified-grant cache (spec/governor.md §Performance). Whether a grant's assertion proof
 * verifies is a pure function of the grant's bytes and of the key its verification method
 * resolves to, so a success is remembered under the grant's digest (which covers the proof)
 * together with that key. A hit still resolves the verification method and must find the same
 * key, so a DID whose key changed is verified afresh. Failures are never cached (a DID that could
 * not be resolved may be registered later). Validity and revocation depend on time and status
 * and are checked on every request, as are the presentation's proof and challenge.
 *
 * Grants are attacker-controlled, so the cache is bounded: a least-recently-used entry goes first.
 */
export interface VerifiedKey {
  verificationMethod: string;
  publicKeyMultibase: string;
}

export class VerifiedGrants {
  readonly #max: number;
  readonly #map = new Map<string, VerifiedKey>();

  constructor(max = 10_000) {
    this.#max = max;
  }

  get size(): number {
    return this.#map.size;
  }

  get(digest: string): VerifiedKey | undefined {
    const hit = this.#map.get(digest);
    if (hit !== undefined) {
      this.#map.delete(digest);
      this.#map.set(digest, hit);
    }
    return hit;
  }

  set(digest: string, key: VerifiedKey): void {
    this.#map.delete(digest);
    if (this.#map.size >= this.#max) this.#map.delete(this.#map.keys().next().value as string);
    this.#map.set(digest, key);
  }
}
