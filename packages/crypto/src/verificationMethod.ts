/**
 * What the proof verifier needs from DID resolution (CID 1.0 §3.3 "Retrieve Verification
 * Method"): the method, its controller, and the key — and only when the controller's
 * document authorizes the method for the proof purpose. @xprov/did implements this for
 * did:key, did:web and bundled DID documents; `resolveDidKeyVerificationMethod` here is
 * the dependency-free did:key-only version.
 */
import { XprovError } from '@xprov/format';
import { parseDidKey } from './didKey.js';
import type { ProofPurpose } from './proof.js';

export interface ResolvedVerificationMethod {
  /** Absolute id, e.g. `did:key:z6Mk…#z6Mk…`. */
  id: string;
  /** `Multikey` (or `Ed25519VerificationKey2020`, which carries the same publicKeyMultibase). */
  type: string;
  controller: string;
  publicKeyMultibase: string;
}

/**
 * Resolves `id` and proves it is authorized for `purpose`; throws `XprovError`
 * (`XP_DID_UNRESOLVED`, `XP_PROOF_INVALID` when not authorized, …).
 */
export type ResolveVerificationMethod = (id: string, purpose: ProofPurpose) => Promise<ResolvedVerificationMethod>;

/** did:key only: a did:key document authorizes its one key for every relationship. */
export const resolveDidKeyVerificationMethod: ResolveVerificationMethod = async (id) => {
  let parsed: ReturnType<typeof parseDidKey>;
  try {
    parsed = parseDidKey(id);
  } catch (cause) {
    throw new XprovError('XP_DID_UNRESOLVED', `cannot resolve ${String(id)} as did:key`, { cause });
  }
  if (!id.includes('#')) throw new XprovError('XP_PROOF_INVALID', 'a verification method id needs its #fragment');
  return {
    id: parsed.verificationMethod,
    type: 'Multikey',
    controller: parsed.did,
    publicKeyMultibase: parsed.publicKeyMultibase,
  };
};
