/**
 * Digest conversions between xprov's `digestMultibase` (multihash sha2-256, base58btc `z…`,
 * DESIGN §2) and the lowercase hex SHA-256 that in-toto ResourceDescriptors carry.
 * Inputs come from bundles (attacker-controlled): anything but a sha2-256 multihash is refused.
 */
import { XprovError, decodeDigestMultibase, digestMultibase } from '@xprov/format';

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Hex SHA-256 of a `z…` sha2-256 multihash; `code` when it is not one. */
export function multibaseToSha256Hex(value: unknown, code: string): string {
  if (typeof value !== 'string') throw new XprovError(code, 'a digest must be a digestMultibase string');
  let digest: Uint8Array;
  try {
    digest = decodeDigestMultibase(value);
  } catch (cause) {
    throw new XprovError(code, 'not a sha2-256 digestMultibase', { cause });
  }
  if (digest.length !== 32) throw new XprovError(code, 'not a 32-byte SHA-256 digest');
  return toHex(digest);
}

/** A credential's digest (DESIGN §2: SHA-256 over the JCS bytes of the signed credential). */
export function credentialDigest(credential: unknown): { multibase: string; hex: string } {
  const multibase = digestMultibase(credential);
  return { multibase, hex: multibaseToSha256Hex(multibase, 'XP_MALFORMED') };
}
