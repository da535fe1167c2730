/**
 * Data Integrity "Verify Proof" (vc-data-integrity §4.4) with the vc-di-eddsa verify
 * algorithms (§3.2.2, §3.3.2), plus the checks the DI spec leaves to the verifier:
 * the proof purpose, challenge and domain, expiry, and that the verification method's
 * controller is the document's issuer (credential) or holder (presentation).
 *
 * Everything in `signed` is attacker-controlled. This function never throws on it: every
 * failure is `{verified: false, code}` with a stable code.
 */
import { base58btcDecode, isXprovError, type JcsMemo, XprovError } from '@xprov/format';
import { assertContextsKnown } from './contexts.js';
import { defaultDocumentLoader, type DocumentLoader } from './documentLoader.js';
import { ed25519Backend } from './ed25519.js';
import { jcsDocumentForVerify, jcsHashData } from './eddsaJcs2022.js';
import { rdfcHashData } from './eddsaRdfc2022.js';
import { decodePublicKeyMultibase } from './multikey.js';
import { CRYPTOSUITES, type Cryptosuite, isCryptosuite, isXsdDateTime, type JsonObject, type ProofPurpose } from './proof.js';
import type { ResolveVerificationMethod } from './verificationMethod.js';

export interface VerifyOptions {
  resolveVerificationMethod: ResolveVerificationMethod;
  expectedProofPurpose: ProofPurpose;
  /** Required for `authentication`: the challenge the verifier issued. */
  challenge?: string;
  /**
   * Default true: an `authentication` proof is refused unless `challenge` is given (replay
   * protection). Set false only where the spec records no challenge (spec/verification.md 6.3).
   */
  requireChallenge?: boolean;
  /** When given, the proof's domain must equal it (or contain it). */
  domain?: string;
  /** Suites the trust file allows; default both eddsa suites. */
  allowedSuites?: readonly string[];
  documentLoader?: DocumentLoader;
  /** The verification time, for `expires` and `created`. Without it no time check is made. */
  now?: Date;
  /** Tolerance for a `created` in the future, default 300 s. */
  maxClockSkewSeconds?: number;
  /**
   * Who must control the key. Default: the credential's `issuer` (id), or the presentation's
   * `holder` when `type` includes VerifiablePresentation.
   */
  expectedController?: string;
  /**
   * Data Integrity §4.5 proof chains: the proof(s) this proof's `previousProof` names. They are
   * hashed as the document's `proof` (one object, or an array for several), as at signing.
   */
  previousProofs?: JsonObject | JsonObject[];
  /**
   * eddsa-jcs-2022 only, a speed-up: canonical texts shared with the caller's other JCS calls over
   * the same objects (see @xprov/format `JcsMemo`); the caller must not mutate them meanwhile.
   */
  jcsMemo?: JcsMemo;
  /**
   * Checks the Ed25519 signature once the hash data is known; default: the backend's
   * `verifyAsync` (thread pool). A caller may wrap it, e.g. to learn when each check has started;
   * it must answer exactly as the backend does.
   */
  verifySignature?: (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => Promise<boolean>;
}

export type VerifyResult =
  | { verified: true; verificationMethod: string; controller: string; cryptosuite: Cryptosuite; created?: string }
  | { verified: false; code: string; message: string };

function fail(code: string, message: string): VerifyResult {
  return { verified: false, code, message };
}

function plainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (plainObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

function types(doc: JsonObject): unknown[] {
  const t = doc.type;
  return Array.isArray(t) ? t : [t];
}

/** The id that must control the signing key: issuer for credentials, holder for presentations. */
export function expectedControllerOf(doc: JsonObject): string | undefined {
  return types(doc).includes('VerifiablePresentation') ? idOf(doc.holder) : idOf(doc.issuer);
}

export async function verifyProof(signed: unknown, options: VerifyOptions): Promise<VerifyResult> {
  try {
    return await verifyUnsafe(signed, options);
  } catch (error) {
    if (isXprovError(error)) return fail(error.code, error.message);
    return fail('XP_PROOF_INVALID', `verification failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function verifyUnsafe(signed: unknown, options: VerifyOptions): Promise<VerifyResult> {
  if (!plainObject(signed)) return fail('XP_MALFORMED', 'a signed document is a JSON object');
  const { proof, ...unsecured } = signed;
  if (proof === undefined) return fail('XP_PROOF_INVALID', 'the document has no proof');
  if (options.previousProofs !== undefined) unsecured.proof = options.previousProofs;
  if (!plainObject(proof)) return fail('XP_PROOF_INVALID', 'proof sets and non-object proofs are not supported');

  // Suite admission (DESIGN §4 XP_CRYPTOSUITE_UNSUPPORTED).
  if (proof.type !== 'DataIntegrityProof') return fail('XP_CRYPTOSUITE_UNSUPPORTED', 'proof type is not DataIntegrityProof');
  const suite = proof.cryptosuite;
  const allowed = options.allowedSuites ?? CRYPTOSUITES;
  if (!isCryptosuite(suite) || !allowed.includes(suite)) {
    return fail('XP_CRYPTOSUITE_UNSUPPORTED', `cryptosuite ${String(suite)} is not allowed`);
  }

  // Shape of the proof (DI §2.1).
  const { proofValue, verificationMethod, proofPurpose } = proof;
  if (typeof verificationMethod !== 'string') return fail('XP_PROOF_INVALID', 'proof.verificationMethod is not a string');
  if (typeof proofPurpose !== 'string') return fail('XP_PROOF_INVALID', 'proof.proofPurpose is not a string');
  if (typeof proofValue !== 'string' || !proofValue.startsWith('z')) {
    return fail('XP_PROOF_INVALID', 'proof.proofValue is not base58btc multibase');
  }
  let signature: Uint8Array;
  try {
    signature = base58btcDecode(proofValue.slice(1));
  } catch {
    return fail('XP_PROOF_INVALID', 'proof.proofValue is not base58btc');
  }
  if (signature.length !== 64) return fail('XP_PROOF_INVALID', 'an Ed25519 signature is 64 bytes');
  if (proof.created !== undefined && !isXsdDateTime(proof.created)) {
    return fail('XP_PROOF_INVALID', 'proof.created is not an XML Schema dateTime');
  }
  if (proof.expires !== undefined && !isXsdDateTime(proof.expires)) {
    return fail('XP_PROOF_INVALID', 'proof.expires is not an XML Schema dateTime');
  }

  // DI §4.4 steps on purpose, challenge, domain, time.
  if (proofPurpose !== options.expectedProofPurpose) {
    return fail('XP_PROOF_INVALID', `proof purpose ${proofPurpose} is not ${options.expectedProofPurpose}`);
  }
  if (
    options.expectedProofPurpose === 'authentication' &&
    options.challenge === undefined &&
    options.requireChallenge !== false
  ) {
    return fail('XP_PRESENTATION_INVALID', 'an authentication proof is only accepted against an expected challenge');
  }
  if (options.challenge !== undefined && proof.challenge !== options.challenge) {
    return fail('XP_PRESENTATION_INVALID', 'the proof challenge does not match');
  }
  if (options.domain !== undefined) {
    const domains = Array.isArray(proof.domain) ? proof.domain : [proof.domain];
    if (!domains.includes(options.domain)) return fail('XP_PRESENTATION_INVALID', 'the proof domain does not match');
  }
  if (options.now !== undefined) {
    const now = options.now.getTime();
    if (typeof proof.expires === 'string' && Date.parse(proof.expires) < now) {
      return fail('XP_EXPIRED', 'the proof has expired');
    }
    const skew = (options.maxClockSkewSeconds ?? 300) * 1000;
    if (typeof proof.created === 'string' && Date.parse(proof.created) > now + skew) {
      return fail('XP_NOT_YET_VALID', 'the proof was created in the future');
    }
  }

  // Contexts: known URLs only, and never fetched.
  const documentLoader = options.documentLoader ?? defaultDocumentLoader();
  await assertContextsKnown(unsecured['@context'], documentLoader);

  // The key: resolved, authorized for the purpose, controlled by the issuer/holder.
  let vm: Awaited<ReturnType<ResolveVerificationMethod>>;
  try {
    vm = await options.resolveVerificationMethod(verificationMethod, proofPurpose as ProofPurpose);
  } catch (error) {
    if (isXprovError(error)) return fail(error.code, error.message);
    return fail('XP_DID_UNRESOLVED', `cannot resolve ${verificationMethod}`);
  }
  if (vm.id !== verificationMethod) return fail('XP_PROOF_INVALID', 'the resolved verification method has another id');
  const controller = options.expectedController ?? expectedControllerOf(unsecured);
  if (controller === undefined) return fail('XP_PROOF_INVALID', 'the document names no issuer or holder');
  if (vm.controller !== controller) {
    return fail('XP_PROOF_INVALID', `the verification method is controlled by ${vm.controller}, not ${controller}`);
  }
  let publicKey: Uint8Array;
  try {
    publicKey = decodePublicKeyMultibase(vm.publicKeyMultibase);
  } catch {
    return fail('XP_PROOF_INVALID', 'the verification method is not an Ed25519 Multikey');
  }

  // Hash and verify (vc-di-eddsa §3.2.2 / §3.3.2).
  const { proofValue: _omit, ...proofOptions } = proof;
  let hashData: Uint8Array;
  if (suite === 'eddsa-jcs-2022') {
    const document = jcsDocumentForVerify(unsecured, proofOptions);
    if (document === undefined) return fail('XP_PROOF_INVALID', 'document @context does not start with proof @context');
    try {
      hashData = jcsHashData(document, proofOptions, options.jcsMemo);
    } catch (error) {
      if (isXprovError(error)) return fail('XP_MALFORMED', error.message);
      throw error;
    }
  } else {
    hashData = await rdfcHashData(unsecured, proofOptions, documentLoader);
  }
  const verifySignature = options.verifySignature ?? ((k, m, sig) => ed25519Backend().verifyAsync(k, m, sig));
  if (!(await verifySignature(publicKey, hashData, signature))) {
    return fail('XP_PROOF_INVALID', 'the signature does not verify');
  }
  const result: VerifyResult = { verified: true, verificationMethod: vm.id, controller: vm.controller, cryptosuite: suite };
  if (typeof proof.created === 'string') result.created = proof.created;
  return result;
}

/** Like verifyProof, but throws the coded XprovError on failure (for issuance-side self-checks). */
export async function assertProof(signed: unknown, options: VerifyOptions): Promise<void> {
  const result = await verifyProof(signed, options);
  if (!result.verified) throw new XprovError(result.code, result.message);
}
