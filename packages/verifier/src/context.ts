/**
 * State shared by the steps of one verification: the parsed inputs, injected I/O, the check list
 * and caches (digests are computed once per object; spec/verification.md §0).
 */
import { type JcsMemo, digestMultibase } from '@xprov/format';
import type { Check } from './result.js';
import type { Bundle, Trust } from './types.js';

export type Ed25519Verify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

export interface VerifyOptions {
  /**
   * Online DID resolution (`--online`): called only for DIDs that are neither did:key nor carried
   * in the bundle. Absent → such DIDs are XP_DID_UNRESOLVED (inconclusive). Must resolve to the
   * DID document or throw.
   */
  resolveDid?: (did: string) => Promise<unknown>;
  /** JSON-LD document loader for eddsa-rdfc-2022 (default: @xprov/crypto's static loader). */
  documentLoader?: unknown;
  /** A faster Ed25519 verify (e.g. node:crypto), used for checkpoints and cosignatures. */
  verifyEd25519?: Ed25519Verify;
}

export class VerifyContext {
  readonly checks: Check[] = [];
  private readonly digests = new WeakMap<object, string>();
  /**
   * Canonical texts of this verification's parsed values, shared by digests and eddsa-jcs-2022
   * proofs (a grant is serialized for its digest, its proof and the presentation carrying it).
   * Sound for one call only: nothing mutates the parsed bundle while it is verified.
   */
  readonly jcsMemo: JcsMemo = new WeakMap();
  /** Credential ids whose proof failed or could not be checked (later steps may skip them). */
  readonly untrusted = new Set<string>();
  /** Credential ids whose issuer/holder DID could not be resolved. */
  readonly unresolved = new Set<string>();
  /** T of §3 in epoch seconds. */
  executionTime = Number.NaN;

  constructor(
    /** Set once by verify.ts when the proof checks start before 2.2 (see startEarly there). */
    public bundle: Bundle,
    readonly trust: Trust,
    readonly options: VerifyOptions,
  ) {}

  get skew(): number {
    return this.trust.maxClockSkewSeconds;
  }

  pass(id: string, code: string, message: string, credentialId?: string): void {
    this.checks.push(credentialId === undefined ? { id, code, ok: true, message } : { id, code, ok: true, message, credentialId });
  }

  fail(id: string, code: string, message: string, credentialId?: string): void {
    this.checks.push(credentialId === undefined ? { id, code, ok: false, message } : { id, code, ok: false, message, credentialId });
  }

  /** Records one check: ok → pass, else fail. Returns ok. */
  check(ok: boolean, id: string, code: string, message: string, credentialId?: string): boolean {
    if (ok) this.pass(id, code, message, credentialId);
    else this.fail(id, code, message, credentialId);
    return ok;
  }

  /** DESIGN §2 digest of a signed value (JCS, SHA-256 multihash), cached per object. */
  digest(value: object): string {
    let d = this.digests.get(value);
    if (d === undefined) {
      d = digestMultibase(value, this.jcsMemo);
      this.digests.set(value, d);
    }
    return d;
  }

  /** Whether a failing check with this code exists for this credential (or at all). */
  failed(code: string, credentialId?: string): boolean {
    return this.checks.some((c) => !c.ok && c.code === code && (credentialId === undefined || c.credentialId === credentialId));
  }
}
