/**
 * spec/policy.md §3: a policy's digest is the multihash SHA-256 (base58btc `z…`) of the JCS
 * (RFC 8785) bytes of Cedar's JSON form of the policy set. Comments, whitespace and line breaks
 * do not reach the JSON form, so reformatting keeps the digest; any change to a policy's
 * effect, scope, conditions, annotations or id changes it.
 */
import { XprovError, digestMultibase } from '@xprov/format';
import { POLICY_CODES } from './codes.js';
import { parsePolicySet, type ParsedPolicySet } from './parse.js';

export function digestOfParsed(parsed: ParsedPolicySet): string {
  return digestMultibase(parsed.json);
}

/** The `digestMultibase` of a Cedar source; `XP_POLICY_SYNTAX` if it does not parse. */
export function policyDigest(source: string): string {
  return digestOfParsed(parsePolicySet(source));
}

/**
 * DESIGN §4 `XP_POLICY_DIGEST`: throws unless `claimed` is the digest of `source`. Both come
 * from a credential, so both are attacker-controlled.
 */
export function checkPolicyDigest(source: string, claimed: string): void {
  const actual = policyDigest(source);
  if (actual !== claimed) {
    throw new XprovError(POLICY_CODES.DIGEST, `policy digest ${claimed} does not match its source (${actual})`);
  }
}
