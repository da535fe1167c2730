/**
 * Key material for the exports. The export key is the governor's Ed25519 Multikey; Sigstore
 * carries it as a public-key hint (the key's did:key verification method id) and @sigstore/verify
 * takes it as SPKI DER (RFC 8410 §4). Trusted keys come from the trust file: every `did:key`
 * governor is an attestation key (spec/attestation.md §4); other keys only by explicit option.
 */
import { type Ed25519KeyPair, decodePublicKeyMultibase, parseDidKey } from '@xprov/crypto';
import { XprovError, parseTrustFile, type TrustFile } from '@xprov/format';
import { INTEROP_CODES } from './codes.js';

/** RFC 8410 SubjectPublicKeyInfo prefix for an Ed25519 key (OID 1.3.101.112). */
const ED25519_SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

export function ed25519Spki(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 32) throw new XprovError('XP_KEY_INVALID', 'an Ed25519 public key is 32 bytes');
  const out = new Uint8Array(ED25519_SPKI_PREFIX.length + 32);
  out.set(ED25519_SPKI_PREFIX, 0);
  out.set(publicKey, ED25519_SPKI_PREFIX.length);
  return out;
}

export function ed25519Pem(publicKey: Uint8Array): string {
  const b64 = Buffer.from(ed25519Spki(publicKey)).toString('base64');
  return `-----BEGIN PUBLIC KEY-----\n${b64.match(/.{1,64}/g)?.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/** The key's did:key verification method id: the Sigstore hint and the COSE `kid`. */
export function keyHint(keyPair: Pick<Ed25519KeyPair, 'publicKeyMultibase'>): string {
  return `did:key:${keyPair.publicKeyMultibase}#${keyPair.publicKeyMultibase}`;
}

/** Parses the trust file (`XP_TRUST_INVALID` when it is not one). */
export function readTrustFile(trust: unknown): TrustFile {
  try {
    return parseTrustFile(trust);
  } catch (cause) {
    throw new XprovError(INTEROP_CODES.TRUST_INVALID, 'the trust file is not a TrustFile', { cause });
  }
}

/**
 * Attestation keys by hint: each trusted `did:key` governor's verification method, plus
 * `extra` (`{hint: publicKeyMultibase}`, e.g. for a did:web governor's key).
 */
export function trustedAttestationKeys(trust: TrustFile, extra: Record<string, string> = {}): Map<string, Uint8Array> {
  const keys = new Map<string, Uint8Array>();
  for (const did of trust.governors) {
    if (!did.startsWith('did:key:')) continue;
    try {
      const k = parseDidKey(did);
      keys.set(k.verificationMethod, k.publicKey);
    } catch {
      // a malformed did:key governor trusts nothing
    }
  }
  for (const [hint, multibase] of Object.entries(extra)) keys.set(hint, decodePublicKeyMultibase(multibase));
  return keys;
}
