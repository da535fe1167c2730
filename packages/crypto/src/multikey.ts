/**
 * Ed25519 Multikey key pairs (W3C Controlled Identifiers §2.2.2 "Multikey"):
 * `publicKeyMultibase` = `z` + base58btc(0xed 0x01 ‖ 32-byte public key) and
 * `secretKeyMultibase` = `z` + base58btc(0x80 0x26 ‖ 32-byte seed), i.e. the
 * multicodec varints of `ed25519-pub` (0xed) and `ed25519-priv` (0x1300).
 *
 * Key files and multibase strings are untrusted input: every decode checks the
 * multibase prefix, the multicodec header and the length, and a pair must match.
 */
import { base58btcDecode, base58btcEncode, XprovError } from '@xprov/format';
import { CRYPTO_CODES } from './codes.js';
import { ed25519Backend, randomSecretKey } from './ed25519.js';

/** Multicodec varint of ed25519-pub (0xed). */
export const ED25519_PUB_HEADER = new Uint8Array([0xed, 0x01]);
/** Multicodec varint of ed25519-priv (0x1300). */
export const ED25519_PRIV_HEADER = new Uint8Array([0x80, 0x26]);

/** The JSON form written to key files (`xprov keys new`). */
export interface MultikeyJson {
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** A decoded Ed25519 key pair. `secretKey` is the 32-byte RFC 8032 seed. */
export interface Ed25519KeyPair extends MultikeyJson {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

function encode(header: Uint8Array, key: Uint8Array): string {
  const bytes = new Uint8Array(header.length + key.length);
  bytes.set(header, 0);
  bytes.set(key, header.length);
  return `z${base58btcEncode(bytes)}`;
}

function decode(value: unknown, header: Uint8Array, what: string): Uint8Array {
  if (typeof value !== 'string' || !value.startsWith('z')) {
    throw new XprovError(CRYPTO_CODES.KEY_INVALID, `${what} is not a base58btc multibase string (z…)`);
  }
  let bytes: Uint8Array;
  try {
    bytes = base58btcDecode(value.slice(1));
  } catch (cause) {
    throw new XprovError(CRYPTO_CODES.KEY_INVALID, `${what} is not valid base58btc`, { cause });
  }
  if (bytes.length !== header.length + 32 || bytes[0] !== header[0] || bytes[1] !== header[1]) {
    throw new XprovError(
      CRYPTO_CODES.KEY_INVALID,
      `${what} is not an Ed25519 Multikey (multicodec 0x${header === ED25519_PUB_HEADER ? 'ed' : '1300'}, 32 bytes)`,
    );
  }
  return bytes.slice(header.length);
}

export function encodePublicKeyMultibase(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new XprovError(CRYPTO_CODES.KEY_INVALID, 'an Ed25519 public key is 32 bytes');
  return encode(ED25519_PUB_HEADER, publicKey);
}

export function encodeSecretKeyMultibase(secretKey: Uint8Array): string {
  if (secretKey.length !== 32) throw new XprovError(CRYPTO_CODES.KEY_INVALID, 'an Ed25519 secret key is 32 bytes');
  return encode(ED25519_PRIV_HEADER, secretKey);
}

/**
 * Public keys decoded before, by their multibase text (content, bounded): a verifier meets the same
 * few keys in every bundle. Only successful decodes are kept; callers get a copy. Secret keys are
 * never cached.
 */
const PUBLIC_KEY_CACHE_LIMIT = 1024;
const publicKeys = new Map<string, Uint8Array>();

/** Decodes `z6Mk…` to the 32 raw public key bytes; `XP_KEY_INVALID` otherwise. */
export function decodePublicKeyMultibase(publicKeyMultibase: unknown): Uint8Array {
  if (typeof publicKeyMultibase === 'string') {
    const hit = publicKeys.get(publicKeyMultibase);
    if (hit) return hit.slice();
  }
  const key = decode(publicKeyMultibase, ED25519_PUB_HEADER, 'publicKeyMultibase');
  if (publicKeys.size >= PUBLIC_KEY_CACHE_LIMIT) publicKeys.delete(publicKeys.keys().next().value as string);
  publicKeys.set(publicKeyMultibase as string, key.slice());
  return key;
}

/** Decodes `z3u2…` to the 32-byte seed; `XP_KEY_INVALID` otherwise. */
export function decodeSecretKeyMultibase(secretKeyMultibase: unknown): Uint8Array {
  return decode(secretKeyMultibase, ED25519_PRIV_HEADER, 'secretKeyMultibase');
}

/** Builds a key pair from a 32-byte seed. */
export function keyPairFromSecretKey(secretKey: Uint8Array): Ed25519KeyPair {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) {
    throw new XprovError(CRYPTO_CODES.KEY_INVALID, 'an Ed25519 secret key is 32 bytes');
  }
  const publicKey = ed25519Backend().publicKeyOf(secretKey);
  return {
    publicKey,
    secretKey: secretKey.slice(),
    publicKeyMultibase: encodePublicKeyMultibase(publicKey),
    secretKeyMultibase: encodeSecretKeyMultibase(secretKey),
  };
}

/** A fresh key pair from the platform CSPRNG. */
export function generateKeyPair(): Ed25519KeyPair {
  return keyPairFromSecretKey(randomSecretKey());
}

/**
 * Reads a key file object. The secret may be named `secretKeyMultibase` (xprov, Multikey)
 * or `privateKeyMultibase` (the W3C vc-di-eddsa test vectors); if both are present they
 * must be equal. When `publicKeyMultibase` is present it must be the secret's public key.
 */
export function keyPairFromJson(json: unknown): Ed25519KeyPair {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new XprovError(CRYPTO_CODES.KEY_INVALID, 'a key file is a JSON object');
  }
  const obj = json as Record<string, unknown>;
  const { secretKeyMultibase: secret, privateKeyMultibase: priv } = obj;
  if (secret !== undefined && priv !== undefined && secret !== priv) {
    throw new XprovError(CRYPTO_CODES.KEY_INVALID, 'secretKeyMultibase and privateKeyMultibase differ');
  }
  const chosen = secret ?? priv;
  if (chosen === undefined) {
    throw new XprovError(CRYPTO_CODES.KEY_INVALID, 'the key has no secretKeyMultibase (or privateKeyMultibase)');
  }
  const pair = keyPairFromSecretKey(decodeSecretKeyMultibase(chosen));
  if (obj.publicKeyMultibase !== undefined) {
    decodePublicKeyMultibase(obj.publicKeyMultibase); // coded error if malformed
    if (obj.publicKeyMultibase !== pair.publicKeyMultibase) {
      throw new XprovError(CRYPTO_CODES.KEY_INVALID, 'publicKeyMultibase is not the public key of the secret key');
    }
  }
  return pair;
}

/** The JSON to write to a key file (mode 0600; never log it). */
export function keyPairToJson(pair: Ed25519KeyPair): MultikeyJson {
  return { publicKeyMultibase: pair.publicKeyMultibase, secretKeyMultibase: pair.secretKeyMultibase };
}
