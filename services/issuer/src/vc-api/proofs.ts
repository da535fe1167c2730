/**
 * Data Integrity §4.4–4.5 for the VC-API verifier: one proof, a proof set (every proof must
 * verify) or a proof chain (a proof whose `previousProof` names other proofs of the set is
 * verified over the document carrying those proofs). In a set each proof speaks for the key
 * that made it; at least one must be the issuer's (credential) or the holder's (presentation).
 * The whole document is attacker-controlled.
 */
import { CRYPTOSUITES, type ProofPurpose, type ResolveVerificationMethod, verifyProof } from '@xprov/crypto';
import { XprovError } from '@xprov/format';
import { isObject } from './vcdm.js';

type Json = Record<string, unknown>;

export interface ProofCheck {
  resolver: ResolveVerificationMethod;
  purpose: ProofPurpose;
  now: Date;
  challenge?: string | undefined;
  domain?: string | undefined;
  /** Who must control (one of) the key(s); default the issuer (credential) or holder (presentation). */
  expectedController?: string | undefined;
}

export interface ProofResult {
  verificationMethod: string;
  controller: string;
  cryptosuite: string;
}

const MAX_PROOFS = 16;

/** The proofs `previousProof` names: one object for a string, a list for a list (§4.5). */
function previousProofs(p: Json, all: Json[]): Json | Json[] | undefined {
  const prev = p.previousProof;
  if (prev === undefined) return undefined;
  const ids = typeof prev === 'string' ? [prev] : Array.isArray(prev) && prev.length > 0 && prev.every((x) => typeof x === 'string') ? (prev as string[]) : undefined;
  if (ids === undefined) throw new XprovError('XP_PROOF_INVALID', 'previousProof is a string or a list of strings');
  const matching = ids.map((id) => all.find((q) => q !== p && q.id === id));
  if (matching.some((m) => m === undefined)) throw new XprovError('XP_PROOF_INVALID', 'previousProof names a proof that is not in the set');
  return typeof prev === 'string' ? (matching[0] as Json) : (matching as Json[]);
}

/** Verifies every proof on `doc`; throws the coded failure of the first that does not verify. */
export async function verifyProofs(doc: Json, o: ProofCheck, required: string | undefined): Promise<ProofResult[]> {
  const { proof, ...unsecured } = doc;
  if (proof === undefined || proof === null) throw new XprovError('XP_PROOF_INVALID', 'the document has no proof');
  const isSet = Array.isArray(proof);
  const proofs = isSet ? proof : [proof];
  if (proofs.length === 0 || proofs.length > MAX_PROOFS) throw new XprovError('XP_PROOF_INVALID', `a proof set has 1 to ${MAX_PROOFS} proofs`);
  if (!proofs.every(isObject)) throw new XprovError('XP_PROOF_INVALID', 'a proof is an object');
  const results: ProofResult[] = [];
  for (const p of proofs as Json[]) {
    const prev = previousProofs(p, proofs as Json[]);
    const vm = typeof p.verificationMethod === 'string' ? p.verificationMethod : '';
    const r = await verifyProof(
      { ...unsecured, proof: p },
      {
        resolveVerificationMethod: o.resolver,
        expectedProofPurpose: o.purpose,
        allowedSuites: CRYPTOSUITES,
        now: o.now,
        ...(o.challenge === undefined ? { requireChallenge: false } : { challenge: o.challenge }),
        ...(o.domain === undefined ? {} : { domain: o.domain }),
        // A single proof must be the issuer's/holder's; in a set each key speaks for itself.
        ...(isSet ? { expectedController: vm.split('#')[0] ?? '' } : o.expectedController === undefined ? {} : { expectedController: o.expectedController }),
        ...(prev === undefined ? {} : { previousProofs: prev }),
      },
    );
    if (!r.verified) throw new XprovError(r.code, r.message);
    results.push({ verificationMethod: r.verificationMethod, controller: r.controller, cryptosuite: r.cryptosuite });
  }
  if (isSet && required !== undefined && !results.some((r) => r.controller === required)) {
    throw new XprovError('XP_PROOF_INVALID', `no proof of the set is by ${required}`);
  }
  return results;
}
