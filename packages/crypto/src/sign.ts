/**
 * Data Integrity "Add Proof" (vc-data-integrity §4.2) with the vc-di-eddsa create-proof
 * algorithms (§3.2.1 eddsa-rdfc-2022, §3.3.1 eddsa-jcs-2022).
 */
import { base58btcEncode, type JcsMemo, XprovError } from '@xprov/format';
import { CRYPTO_CODES } from './codes.js';
import { didKeyFromPublicKey } from './didKey.js';
import { defaultDocumentLoader, type DocumentLoader } from './documentLoader.js';
import { ed25519Backend } from './ed25519.js';
import { jcsHashData } from './eddsaJcs2022.js';
import { rdfcHashData } from './eddsaRdfc2022.js';
import type { Ed25519KeyPair } from './multikey.js';
import {
  type Cryptosuite,
  type DataIntegrityProof,
  isCryptosuite,
  isoSeconds,
  isXsdDateTime,
  type JsonObject,
  type ProofPurpose,
  type Signed,
} from './proof.js';
import { assertContextsKnown } from './contexts.js';

export interface SignOptions {
  /** The signer. Its did:key verification method is used unless `verificationMethod` says otherwise. */
  keyPair: Pick<Ed25519KeyPair, 'publicKeyMultibase' | 'secretKey'>;
  /** Default `eddsa-jcs-2022`. */
  suite?: Cryptosuite;
  /** Proof creation time. Core code reads no clock: without it, the proof has no `created`. */
  created?: string | Date;
  expires?: string | Date;
  /** Default `assertionMethod` for credentials, `authentication` for presentations. */
  proofPurpose?: ProofPurpose;
  /** Required with `authentication`: the verifier's one-time challenge. */
  challenge?: string;
  domain?: string | string[];
  /** Default `did:key:<pub>#<pub>`; a did:web issuer passes its own method id. */
  verificationMethod?: string;
  documentLoader?: DocumentLoader;
  /**
   * eddsa-jcs-2022 only, a speed-up: canonical texts shared with the caller's other JCS calls over
   * the same objects (see @xprov/format `JcsMemo`), e.g. the digest of the signed result. The
   * caller must not mutate the document's members while the memo lives.
   */
  jcsMemo?: JcsMemo;
}

function timeValue(value: string | Date | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const text = value instanceof Date ? isoSeconds(value) : value;
  if (!isXsdDateTime(text)) throw new XprovError(CRYPTO_CODES.SIGN_OPTIONS, `${name} is not an XML Schema dateTime`);
  return text;
}

function plainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Adds a DataIntegrityProof to any JSON-LD document. The input is not modified. */
export async function signDocument<T extends JsonObject>(unsigned: T, options: SignOptions): Promise<Signed<T>> {
  if (!plainObject(unsigned)) throw new XprovError('XP_MALFORMED', 'only a JSON object can be signed');
  if ('proof' in unsigned) {
    throw new XprovError(CRYPTO_CODES.SIGN_OPTIONS, 'the document already has a proof; proof sets are not supported');
  }
  const suite = options.suite ?? 'eddsa-jcs-2022';
  if (!isCryptosuite(suite)) throw new XprovError('XP_CRYPTOSUITE_UNSUPPORTED', `unsupported cryptosuite ${suite}`);
  const proofPurpose = options.proofPurpose ?? 'assertionMethod';
  if (proofPurpose === 'authentication' && typeof options.challenge !== 'string') {
    throw new XprovError(CRYPTO_CODES.SIGN_OPTIONS, 'an authentication proof needs a challenge');
  }
  const documentLoader = options.documentLoader ?? defaultDocumentLoader();
  await assertContextsKnown(unsigned['@context'], documentLoader);

  // Key order here is the order of the W3C vc-di-eddsa signed vectors.
  const proof: JsonObject = { type: 'DataIntegrityProof', cryptosuite: suite };
  const created = timeValue(options.created, 'created');
  if (created !== undefined) proof.created = created;
  const expires = timeValue(options.expires, 'expires');
  if (expires !== undefined) proof.expires = expires;
  proof.verificationMethod =
    options.verificationMethod ?? didKeyFromPublicKey(options.keyPair.publicKeyMultibase).verificationMethod;
  proof.proofPurpose = proofPurpose;
  if (options.challenge !== undefined) proof.challenge = options.challenge;
  if (options.domain !== undefined) proof.domain = options.domain;

  const document: JsonObject = { ...unsigned };
  let hashData: Uint8Array;
  if (suite === 'eddsa-jcs-2022') {
    // §3.3.1 step 2: the proof carries the document's @context.
    if (document['@context'] !== undefined) proof['@context'] = document['@context'];
    // The proof config is hashed as a copy: `proof` itself gains its proofValue below, so its
    // text must not be remembered in the caller's memo.
    hashData = jcsHashData(document, { ...proof }, options.jcsMemo);
  } else {
    hashData = await rdfcHashData(document, proof, documentLoader);
  }
  const signature = ed25519Backend().sign(options.keyPair.secretKey, hashData);
  proof.proofValue = `z${base58btcEncode(signature)}`;
  return { ...unsigned, proof: proof as unknown as DataIntegrityProof };
}

/** Signs a credential (`assertionMethod` by default). */
export function signCredential<T extends JsonObject>(unsigned: T, options: SignOptions): Promise<Signed<T>> {
  return signDocument(unsigned, { proofPurpose: 'assertionMethod', ...options });
}

/** Signs a presentation with an `authentication` proof bound to the verifier's challenge. */
export function signPresentation<T extends JsonObject>(
  unsigned: T,
  options: SignOptions & { challenge: string },
): Promise<Signed<T>> {
  return signDocument(unsigned, { proofPurpose: 'authentication', ...options });
}
