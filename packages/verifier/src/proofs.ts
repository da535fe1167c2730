/**
 * Steps 4–6: DID resolution, cryptosuite admission and every proof (spec/verification.md).
 * Proofs, verification methods, DID documents and challenges in the bundle are attacker-controlled;
 * @xprov/crypto's verifyProof never throws and checks the key is the issuer's/holder's.
 */
import { type DocumentLoader, ed25519Backend, verifyProof } from '@xprov/crypto';
import type { VerifyContext } from './context.js';
import { type DidDocuments, didOf, resolveDids, vmResolver } from './dids.js';
import type { Credential, Presentation, Proof, StatusListCredential } from './types.js';

/** One signed thing to check: a credential (assertionMethod) or a presentation (authentication). */
export interface SignedItem {
  doc: Credential | Presentation | StatusListCredential;
  /** For checks: the credential id, or `presentation:request|report` when a VP has no id. */
  label: string;
  /** issuer (credential) or holder (presentation). */
  controller: string;
  purpose: 'assertionMethod' | 'authentication';
  /** Step id of its proof check and the code a failure reports. */
  step: string;
  code: string;
  challenge?: string;
}

export function issuerId(issuer: unknown): string {
  if (typeof issuer === 'string') return issuer;
  if (typeof issuer === 'object' && issuer !== null && typeof (issuer as { id?: unknown }).id === 'string') return (issuer as { id: string }).id;
  return '';
}

/** Codes verifyProof may return that are not DESIGN §4 codes map to XP_PROOF_INVALID. */
const PASS_THROUGH = new Set(['XP_PROOF_INVALID', 'XP_PRESENTATION_INVALID', 'XP_MALFORMED', 'XP_CRYPTOSUITE_UNSUPPORTED']);

/** The verification method of an item's proof, when it is a string (status list schemas are loose). */
function methodOf(item: SignedItem): string | undefined {
  const proof = item.doc.proof as Partial<Proof> | undefined;
  return typeof proof === 'object' && proof !== null && typeof proof.verificationMethod === 'string' ? proof.verificationMethod : undefined;
}

/**
 * Runs 4.1, 5.1 and 6.x for `items`. Returns the documents (objects, never ids: versions of one
 * status list share an id, spec/verification.md 6.1) whose proof verified. `started` is called
 * once every admitted proof has its signature check running (or has already failed), so that the
 * caller can start its synchronous steps only then and have them overlap the signature checks.
 * A failure while checking one proof is that proof's failure only (never XP_INTERNAL for all).
 */
export async function checkProofs(ctx: VerifyContext, items: SignedItem[], started: () => void = () => {}): Promise<Set<object>> {
  const verified = new Set<object>();
  // 4.1: the DID of every verification method (its key lives there).
  const needed = new Map<string, string>();
  for (const item of items) {
    const vm = methodOf(item);
    const did = vm !== undefined ? didOf(vm) : item.controller;
    if (!needed.has(did)) needed.set(did, item.label);
  }
  const documents: DidDocuments = new Map();
  const unresolved = await resolveDids(needed.keys(), ctx.bundle.didDocuments, ctx.options.resolveDid, documents);
  for (const [did, label] of needed) {
    ctx.check(!unresolved.has(did), '4.1', 'XP_DID_UNRESOLVED', unresolved.has(did) ? `no DID document for ${did} (not in the bundle${ctx.options.resolveDid ? ', not resolvable online' : '; try --online'})` : `${did} resolved`, label);
  }
  const resolveVerificationMethod = vmResolver(documents);
  const allowed = ctx.trust.allowedCryptosuites;
  // 5.1, then every admitted proof verified concurrently (@xprov/crypto verifies off the main
  // thread), the checks recorded in item order.
  const admitted = items.map((item) => {
    const proof = item.doc.proof as Partial<Proof> | undefined;
    if (typeof proof !== 'object' || proof === null) {
      // only a status list may reach here without one (its schema is loose): no proof, no trust
      ctx.fail(item.step, item.code, 'no proof', item.label);
      return false;
    }
    const suiteOk = proof?.type === 'DataIntegrityProof' && typeof proof.cryptosuite === 'string' && allowed.includes(proof.cryptosuite);
    ctx.check(suiteOk, '5.1', 'XP_CRYPTOSUITE_UNSUPPORTED', suiteOk ? `${proof.cryptosuite} is allowed` : `cryptosuite ${String(proof?.cryptosuite)} is not allowed by the trust file`, item.label);
    if (!suiteOk) return false;
    const vm = methodOf(item);
    if (vm === undefined) {
      ctx.fail(item.step, item.code, 'the proof has no verificationMethod', item.label);
      return false;
    }
    // an unresolved key was reported at 4.1: inconclusive, not checked
    return !unresolved.has(didOf(vm));
  });
  let waiting = admitted.filter(Boolean).length;
  if (waiting === 0) started();
  const backend = ed25519Backend();
  const results = await Promise.all(
    items.map((item, i) => {
      if (!admitted[i]) return undefined;
      let arrived = false;
      const arrive = () => {
        if (arrived) return;
        arrived = true;
        if (--waiting === 0) started();
      };
      return verifyProof(item.doc, {
        // the thread pool, as by default; noting that this proof's check has started
        verifySignature: (publicKey, message, signature) => {
          arrive();
          return backend.verifyAsync(publicKey, message, signature);
        },
        resolveVerificationMethod,
        expectedProofPurpose: item.purpose,
        allowedSuites: allowed,
        expectedController: item.controller,
        jcsMemo: ctx.jcsMemo,
        ...(item.challenge !== undefined ? { challenge: item.challenge } : {}),
        ...(ctx.options.documentLoader ? { documentLoader: ctx.options.documentLoader as DocumentLoader } : {}),
      })
        .catch((e: unknown) => ({ verified: false as const, code: item.code, message: `proof check failed: ${e instanceof Error ? e.message : String(e)}` }))
        .finally(arrive);
    }),
  );
  items.forEach((item, i) => {
    const result = results[i];
    if (!result) return;
    if (result.verified) {
      verified.add(item.doc);
      ctx.pass(item.step, item.code, `signed by ${item.controller} (${item.doc.proof.cryptosuite})`, item.label);
    } else if (result.code === 'XP_DID_UNRESOLVED') {
      ctx.fail('4.1', 'XP_DID_UNRESOLVED', result.message, item.label);
    } else {
      const code = item.code === 'XP_PRESENTATION_INVALID' ? item.code : PASS_THROUGH.has(result.code) ? result.code : item.code;
      ctx.fail(item.step, code, `${result.message}${code === result.code ? '' : ` (${result.code})`}`, item.label);
    }
  });
  return verified;
}
