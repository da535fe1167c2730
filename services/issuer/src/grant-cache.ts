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
import { BoundedLru } from './lru.js';

export interface VerifiedKey {
  verificationMethod: string;
  publicKeyMultibase: string;
}

/** Grant digest → the key its proof verified with. */
export class VerifiedGrants extends BoundedLru<VerifiedKey> {
  constructor(max = 10_000) {
    super(max);
  }
}
