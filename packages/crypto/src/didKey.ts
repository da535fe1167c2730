/**
 * did:key for Ed25519 (W3C CCG did:key v0.7): `did:key:` + publicKeyMultibase, and the
 * one verification method `did:key:z6Mk…#z6Mk…`. Parsing is attacker-facing (DIDs come
 * from credentials), so every malformed value is a coded error.
 */
import { XprovError } from '@xprov/format';
import { CRYPTO_CODES } from './codes.js';
import { decodePublicKeyMultibase } from './multikey.js';

export interface DidKey {
  did: string;
  /** `did:key:z…#z…` */
  verificationMethod: string;
  publicKeyMultibase: string;
  publicKey: Uint8Array;
}

/** `did:key:z6Mk…` and its verification method id, from a Multikey public key. */
export function didKeyFromPublicKey(publicKeyMultibase: string): DidKey {
  const publicKey = decodePublicKeyMultibase(publicKeyMultibase);
  const did = `did:key:${publicKeyMultibase}`;
  return { did, verificationMethod: `${did}#${publicKeyMultibase}`, publicKeyMultibase, publicKey };
}

/**
 * Parses `did:key:z6Mk…` (optionally with the `#z6Mk…` fragment, which must repeat the key).
 * Non-Ed25519 did:keys, other methods, paths and queries are `XP_DID_INVALID`.
 */
export function parseDidKey(didOrVerificationMethod: unknown): DidKey {
  if (typeof didOrVerificationMethod !== 'string' || !didOrVerificationMethod.startsWith('did:key:')) {
    throw new XprovError(CRYPTO_CODES.DID_INVALID, 'not a did:key');
  }
  const rest = didOrVerificationMethod.slice('did:key:'.length);
  const hash = rest.indexOf('#');
  const id = hash === -1 ? rest : rest.slice(0, hash);
  const fragment = hash === -1 ? undefined : rest.slice(hash + 1);
  if (!/^z[1-9A-HJ-NP-Za-km-z]+$/.test(id)) throw new XprovError(CRYPTO_CODES.DID_INVALID, 'not a did:key');
  if (fragment !== undefined && fragment !== id) {
    throw new XprovError(CRYPTO_CODES.DID_INVALID, 'a did:key verification method fragment must repeat the key');
  }
  try {
    return didKeyFromPublicKey(id);
  } catch (cause) {
    throw new XprovError(CRYPTO_CODES.DID_INVALID, 'did:key is not an Ed25519 Multikey', { cause });
  }
}

/** A DID document (DID Core 1.0) in the shape the did:key spec gives for an Ed25519 Multikey. */
export interface DidKeyDocument {
  '@context': [string, string];
  id: string;
  verificationMethod: [{ id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string }];
  authentication: [string];
  assertionMethod: [string];
  capabilityInvocation: [string];
  capabilityDelegation: [string];
}

/**
 * did:key v0.7 §"Document Creation" with a Multikey verification method: the one key is
 * referenced from authentication, assertionMethod, capabilityInvocation and capabilityDelegation.
 * (No keyAgreement: xprov never derives X25519 keys.)
 */
export function didKeyDocument(did: string): DidKeyDocument {
  const parsed = parseDidKey(did);
  if (parsed.did !== did) throw new XprovError(CRYPTO_CODES.DID_INVALID, 'a DID has no fragment');
  const vm = parsed.verificationMethod;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{ id: vm, type: 'Multikey', controller: did, publicKeyMultibase: parsed.publicKeyMultibase }],
    authentication: [vm],
    assertionMethod: [vm],
    capabilityInvocation: [vm],
    capabilityDelegation: [vm],
  };
}
