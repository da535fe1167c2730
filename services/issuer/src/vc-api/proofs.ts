/**
 * Data Integrity §4.4–4.5 for the VC-API verifier: a single proof, or a proof set (every proof
 * must verify). A proof with `previousProof` (a proof chain) is refused with XP_PROOF_INVALID:
 * @xprov/crypto verifies one proof over the document without it, and chains are not part of the
 * xprov format. The whole document is attacker-controlled.
 */
import { CRYPTOSUITES, type ProofPurpose, type ResolveVerificationMethod, verifyProof } from '@xprov/crypto';
import { XprovError } from '@xprov/format';
import { isObject } from './vcdm.js';

export interface ProofCheck {
  resolver: ResolveVerificationMethod;
  purpose: ProofPurpose;
  now: Date;
  challenge?: string | undefined;
  domain?: string | undefined;
  /** Who must control the key; default the issuer (credential) or holder (presentation). */
  expectedController?: string | undefined;
}

export interface ProofResult {
  verificationMethod: string;
  controller: string;
  cryptosuite: string;
}

/** Verifies every proof on `doc`; throws the coded failure of the first that does not verify. */
export async function verifyProofs(doc: Record<string, unknown>, o: ProofCheck): Promise<ProofResult[]> {
  const { proof, ...unsecured } = doc;
  if (proof === undefined || proof === null) throw new XprovError('XP_PROOF_INVALID', 'the document has no proof');
  const proofs = Array.isArray(proof) ? proof : [proof];
  if (proofs.length === 0) throw new XprovError('XP_PROOF_INVALID', 'the proof set is empty');
  const results: ProofResult[] = [];
  for (const p of proofs) {
    if (!isObject(p)) throw new XprovError('XP_PROOF_INVALID', 'a proof is an object');
    if (p.previousProof !== undefined) throw new XprovError('XP_PROOF_INVALID', 'proof chains (previousProof) are not supported');
    const r = await verifyProof(
      { ...unsecured, proof: p },
      {
        resolveVerificationMethod: o.resolver,
        expectedProofPurpose: o.purpose,
        allowedSuites: CRYPTOSUITES,
        now: o.now,
        ...(o.challenge === undefined ? { requireChallenge: false } : { challenge: o.challenge }),
        ...(o.domain === undefined ? {} : { domain: o.domain }),
        ...(o.expectedController === undefined ? {} : { expectedController: o.expectedController }),
      },
    );
    if (!r.verified) throw new XprovError(r.code, r.message);
    results.push({ verificationMethod: r.verificationMethod, controller: r.controller, cryptosuite: r.cryptosuite });
  }
  return results;
}
