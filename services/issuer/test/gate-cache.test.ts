/**
 * The gate's caches must not weaken a check (spec/governor.md §Performance): a cached grant proof
 * counts only while its verification method still resolves to the same key, and the policy digest
 * is checked on every request against the source Cedar evaluated. Runs the pure gate (runGate)
 * with a resolver whose DID document can change, as a did:web authority's could.
 */
import { type Ed25519KeyPair, generateKeyPair, type ResolvedVerificationMethod, signCredential, signPresentation } from '@xprov/crypto';
import { type AgentAuthorizationCredential, buildGrant, buildRequestPresentation, parseRequestPresentation } from '@xprov/format';
import { policyDigest } from '@xprov/policy';
import { describe, expect, it } from 'vitest';
import { type GateDeps, runGate } from '../src/gate.js';
import { VerifiedGrants } from '../src/grant-cache.js';
import { newAgentKey, POLICY } from './helpers.js';

const GOV = 'did:key:z6MkgovernorTestDidNotResolved';
const AUTHORITY = 'did:web:authority.test';
const VM = `${AUTHORITY}#key-1`;

function world() {
  const keys: { current: Ed25519KeyPair } = { current: generateKeyPair() };
  const challenges = new Set<string>();
  let resolutions = 0;
  const deps: GateDeps = {
    governorDid: GOV,
    skewSeconds: 60,
    resolver: async (id, purpose): Promise<ResolvedVerificationMethod> => {
      if (id.startsWith('did:key:')) {
        const { resolveDidKeyVerificationMethod } = await import('@xprov/crypto');
        return resolveDidKeyVerificationMethod(id, purpose);
      }
      resolutions++;
      return { id: VM, type: 'Multikey', controller: AUTHORITY, publicKeyMultibase: keys.current.publicKeyMultibase };
    },
    isTrustedAuthority: async (did) => did === AUTHORITY,
    isRevoked: async () => false,
    consumeChallenge: async (c) => challenges.delete(c),
    verifiedGrants: new VerifiedGrants(),
  };
  return { keys, challenges, deps, resolutions: () => resolutions };
}

async function grantFor(agent: string, key: Ed25519KeyPair, policy?: { source: string; digestMultibase?: string }) {
  const unsigned = buildGrant({
    issuer: AUTHORITY,
    agent,
    actions: ['payments:transfer'],
    resources: ['acct:ops/*'],
    ...(policy ? { policy: { language: 'cedar', source: policy.source, digestMultibase: policy.digestMultibase ?? policyDigest(policy.source) } } : {}),
    validFrom: new Date(Date.now() - 60_000),
    validUntil: new Date(Date.now() + 3600_000),
    maxDelegationDepth: 0,
  });
  return (await signCredential(unsigned, { keyPair: key, verificationMethod: VM })) as unknown as AgentAuthorizationCredential;
}

async function ask(w: ReturnType<typeof world>, agent: ReturnType<typeof newAgentKey>, grant: AgentAuthorizationCredential) {
  const challenge = `ch-${Math.random()}`;
  w.challenges.add(challenge);
  const vp = buildRequestPresentation({
    agent: agent.did,
    grants: [grant],
    action: 'payments:transfer',
    resource: 'acct:ops/payroll',
    parameters: { amount: '120.00', currency: 'USD' },
  });
  const signed = await signPresentation(vp, { keyPair: agent.key, challenge, domain: GOV });
  const r = await runGate(w.deps, parseRequestPresentation(signed), new Date());
  return r.failures.map((f) => f.code);
}

describe('gate caches', () => {
  it('caches a verified grant by digest and key, and re-verifies when the key its method resolves to changes', async () => {
    const w = world();
    const agent = newAgentKey();
    const grant = await grantFor(agent.did, w.keys.current, { source: POLICY });
    expect(await ask(w, agent, grant)).toEqual([]);
    expect(w.deps.verifiedGrants.size).toBe(1);
    expect(await ask(w, agent, grant)).toEqual([]);
    // The authority's DID document now names another key: the cached success no longer counts.
    w.keys.current = generateKeyPair();
    expect(await ask(w, agent, grant)).toContain('XP_PROOF_INVALID');
    expect(await ask(w, agent, grant)).toContain('XP_PROOF_INVALID');
    expect(w.resolutions()).toBeGreaterThan(2);
  });

  it('refuses a validly signed grant whose policy digest does not match its source, every time', async () => {
    const w = world();
    const agent = newAgentKey();
    const other = POLICY.replace('500.00', '900.00');
    const grant = await grantFor(agent.did, w.keys.current, { source: other, digestMultibase: policyDigest(POLICY) });
    expect(await ask(w, agent, grant)).toEqual(['XP_POLICY_DIGEST']);
    expect(await ask(w, agent, grant)).toEqual(['XP_POLICY_DIGEST']);
  });

  it('refuses a grant whose policy source does not parse with XP_POLICY_DIGEST', async () => {
    const w = world();
    const agent = newAgentKey();
    const grant = await grantFor(agent.did, w.keys.current, { source: 'permit (principal, action, resource', digestMultibase: policyDigest(POLICY) });
    const codes = await ask(w, agent, grant);
    expect(codes).toContain('XP_POLICY_DIGEST');
    expect(codes).toContain('XP_POLICY_DENIED');
  });

  it('does not cache failed proofs', async () => {
    const w = world();
    const agent = newAgentKey();
    const grant = await grantFor(agent.did, generateKeyPair());
    expect(await ask(w, agent, grant)).toContain('XP_PROOF_INVALID');
    expect(w.deps.verifiedGrants.size).toBe(0);
  });

  it('VerifiedGrants is bounded and evicts the least recently used entry', () => {
    const c = new VerifiedGrants(2);
    const k = { verificationMethod: VM, publicKeyMultibase: 'z' };
    c.set('a', k);
    c.set('b', k);
    expect(c.get('a')).toBe(k);
    c.set('c', k);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(k);
    expect(c.get('c')).toBe(k);
    expect(c.size).toBe(2);
  });
});
