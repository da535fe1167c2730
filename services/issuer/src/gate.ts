/**
 * The gate (DESIGN §2.2, §6; spec/governor.md §Gate): every check a permit needs, in order,
 * collecting all failures with their DESIGN §4 codes. Everything in the presentation is
 * attacker-controlled: the grants, the request, the parameters and the proofs.
 *
 *  1. the presentation's authentication proof by the holder, domain = this governor, then the
 *     one-time challenge is consumed (after the signature, so a forger cannot burn it);
 *  2. the chain: root issuer a trusted authority; each grant's assertion proof; each link
 *     attenuates its parent (checkAttenuation); the leaf's subject is the holder;
 *  3. validity of every grant now (± skew);
 *  4. revocation now, from this governor's status lists (a list it does not hold: unknown, deny);
 *  5. the request inside the leaf grant;
 *  6. every policy on the chain: digest matches source, and Cedar permits (a conjunction).
 */
import { type ResolveVerificationMethod, verifyProof } from '@xprov/crypto';
import {
  anyResourceMatches,
  checkAttenuation,
  credentialRef,
  type DenialFailure,
  digestMultibase,
  type Evaluation,
  type ExecutionRequestPresentation,
  type JcsMemo,
} from '@xprov/format';
import { ENGINE, type EvaluateInput, type Evaluation as PolicyEvaluation, evaluate } from '@xprov/policy';
import type { VerifiedGrants } from './grant-cache.js';

export interface GateDeps {
  governorDid: string;
  resolver: ResolveVerificationMethod;
  skewSeconds: number;
  isTrustedAuthority(did: string): Promise<boolean>;
  /** true revoked, false not, undefined: this governor does not hold that list. */
  isRevoked(statusListCredential: string, index: number): Promise<boolean | undefined>;
  consumeChallenge(challenge: string): Promise<boolean>;
  /** Grants whose proof verified, by digest (which covers the proof) and key (grant-cache.ts). */
  verifiedGrants: VerifiedGrants;
  /** `@xprov/policy`'s `evaluate`, possibly on another thread (policy-thread.ts); default in-thread. */
  evaluate?: ((input: EvaluateInput) => Promise<PolicyEvaluation>) | undefined;
}

export interface GateResult {
  failures: DenialFailure[];
  authorization: { id: string; digestMultibase: string }[];
  evaluation?: Evaluation | undefined;
  presentation: { digestMultibase: string; challenge: string };
}

/** True when the grant's proof verified before (same digest) and its method still resolves to that key. */
async function knownGood(deps: GateDeps, digest: string): Promise<boolean> {
  const hit = deps.verifiedGrants.get(digest);
  if (hit === undefined) return false;
  try {
    const vm = await deps.resolver(hit.verificationMethod, 'assertionMethod');
    return vm.publicKeyMultibase === hit.publicKeyMultibase;
  } catch {
    return false;
  }
}

export async function runGate(deps: GateDeps, vp: ExecutionRequestPresentation, now: Date): Promise<GateResult> {
  const failures: DenialFailure[] = [];
  const fail = (code: string, message: string, credentialId?: string) =>
    failures.push(credentialId === undefined ? { code, message } : { code, message, credentialId });
  const nowMs = now.getTime();
  const nowIso = new Date(Math.floor(nowMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const skew = deps.skewSeconds * 1000;
  const challenge = vp.proof.challenge;
  const grants = vp.verifiableCredential;
  const { action, resource, parameters } = vp.request;

  // Step 6's Cedar evaluation depends only on the request, the chain's policy sources and the
  // time, not on any other step's result: it starts first (on the policy thread when the
  // governor has one) and is awaited at step 6, so it overlaps the signature checks.
  const withPolicy = grants.filter((g) => g.credentialSubject.grant.policy !== undefined);
  const policyRequest = { principal: vp.holder, action, resource, parameters };
  const run = deps.evaluate ?? ((input: EvaluateInput) => Promise.resolve(evaluate(input)));
  const pending =
    withPolicy.length > 0
      ? run({ policies: withPolicy.map((g) => g.credentialSubject.grant.policy!.source), request: policyRequest, time: nowIso })
      : undefined;
  // One JCS walk of the presentation for this request: its digest, the grants' digests, its proof's
  // hash data and the context digest reuse the texts of shared members (format's JcsMemo; `vp`
  // is a fresh parse of this request's body and is not mutated while the gate runs).
  const memo: JcsMemo = new WeakMap();
  const presentation = { digestMultibase: digestMultibase(vp, memo), challenge };
  const authorization = grants.map((g) => credentialRef(g, memo));

  // 1. Presentation and challenge.
  const vpResult = await verifyProof(vp, {
    resolveVerificationMethod: deps.resolver,
    expectedProofPurpose: 'authentication',
    challenge,
    domain: deps.governorDid,
    now,
    jcsMemo: memo,
  });
  if (!vpResult.verified) {
    fail(vpResult.code === 'XP_CRYPTOSUITE_UNSUPPORTED' ? vpResult.code : 'XP_PRESENTATION_INVALID', vpResult.message, vp.id);
  } else if (!(await deps.consumeChallenge(challenge))) {
    fail('XP_PRESENTATION_INVALID', 'the challenge is unknown, expired or already used', vp.id);
  }

  // 2. Chain.
  const root = grants[0]!;
  if (root.parent !== undefined) fail('XP_CHAIN_BROKEN', 'the first grant is a delegation: its parent is missing', root.id);
  if (!(await deps.isTrustedAuthority(root.issuer))) {
    fail('XP_CHAIN_UNTRUSTED_ROOT', `${root.issuer} is not an authority this governor trusts`, root.id);
  }
  for (let i = 0; i < grants.length; i++) {
    const g = grants[i]!;
    const digest = authorization[i]!.digestMultibase;
    if (!(await knownGood(deps, digest))) {
      const r = await verifyProof(g, { resolveVerificationMethod: deps.resolver, expectedProofPurpose: 'assertionMethod', jcsMemo: memo });
      if (!r.verified) fail(r.code === 'XP_DID_UNRESOLVED' ? r.code : 'XP_PROOF_INVALID', r.message, g.id);
      else {
        const vm = await deps.resolver(r.verificationMethod, 'assertionMethod').catch(() => undefined);
        if (vm !== undefined) deps.verifiedGrants.set(digest, { verificationMethod: r.verificationMethod, publicKeyMultibase: vm.publicKeyMultibase });
      }
    }
    if (i > 0) for (const f of checkAttenuation(grants[i - 1]!, g)) fail(f.code, f.message, g.id);
  }
  const leaf = grants[grants.length - 1]!;
  if (leaf.credentialSubject.id !== vp.holder) {
    fail('XP_PRESENTATION_INVALID', 'the presentation holder is not the subject of the leaf grant', vp.id);
  }

  // 3. Validity now.
  for (const g of grants) {
    if (Date.parse(g.validFrom) > nowMs + skew) fail('XP_NOT_YET_VALID', `not valid before ${g.validFrom}`, g.id);
    if (Date.parse(g.validUntil) < nowMs - skew) fail('XP_EXPIRED', `expired at ${g.validUntil}`, g.id);
  }

  // 4. Revocation now.
  for (const g of grants) {
    const s = g.credentialStatus;
    if (s === undefined) continue;
    const revoked = await deps.isRevoked(s.statusListCredential, Number(s.statusListIndex));
    if (revoked === undefined) fail('XP_STATUS_UNKNOWN', `status list ${s.statusListCredential} is not held by this governor`, g.id);
    else if (revoked) fail('XP_REVOKED', 'the grant has been revoked', g.id);
  }

  // 5. Scope of the leaf grant.
  const lg = leaf.credentialSubject.grant;
  if (!lg.actions.includes(action) || !anyResourceMatches(lg.resources, resource)) {
    fail('XP_PERMIT_SCOPE', `${action} on ${resource} lies outside the leaf grant`, leaf.id);
  }

  // 6. Policies: every one on the chain (conjunction). The claimed digest is checked against the
  // digest of the source Cedar evaluated (spec/policy.md §3; absent when it does not parse), so a
  // source is parsed once per request at most — and not at all when @xprov/policy has it cached.
  let evaluation: Evaluation | undefined;
  if (pending !== undefined) {
    const result = await pending;
    withPolicy.forEach((g, i) => {
      const claimed = g.credentialSubject.grant.policy!.digestMultibase;
      const actual = result.policies[i]?.digestMultibase;
      if (actual === undefined) fail('XP_POLICY_DIGEST', 'the policy source does not parse, so it cannot match its digest', g.id);
      else if (actual !== claimed) fail('XP_POLICY_DIGEST', `policy digest ${claimed} does not match its source (${actual})`, g.id);
    });
    result.policies.forEach((p, i) => {
      const g = withPolicy[i]!;
      if (p.decision !== 'allow' || result.errors.length > 0) {
        const why = [...result.errors, ...p.errors].map((e) => e.code).join(', ');
        fail('XP_POLICY_DENIED', `the policy does not permit the request${why ? ` (${why})` : ''}`, g.id);
      }
    });
    evaluation = {
      engine: result.engine,
      policies: result.policies.map((p, i) => ({
        digestMultibase: p.digestMultibase ?? withPolicy[i]!.credentialSubject.grant.policy!.digestMultibase,
        decision: p.decision,
        reasons: p.decision === 'allow' ? p.reasons : [...p.reasons, ...p.errors.map((e) => e.code)],
      })),
      contextDigest: digestMultibase({ ...policyRequest, time: nowIso }, memo),
      evaluatedAt: nowIso,
    };
  } else {
    evaluation = { engine: ENGINE, policies: [], contextDigest: digestMultibase({ ...policyRequest, time: nowIso }), evaluatedAt: nowIso };
  }
  return { failures, authorization, evaluation, presentation };
}
