/**
 * DESIGN §2 digests: SHA-256 as a multihash (0x12 = sha2-256, 0x20 = 32 bytes) in multibase
 * base58btc (`z…`), the form VC 2.0 `digestMultibase` takes. A value's digest is over its JCS bytes.
 */
import { base58btcDecode, base58btcEncode } from './base58btc.js';
import { XprovError } from './errors.js';
import { type JcsMemo, jcs } from './jcs.js';
import { sha256 } from './sha256.js';

const SHA2_256 = 0x12;
const SHA2_256_LENGTH = 0x20;

function multibase(hash: Uint8Array): string {
  const mh = new Uint8Array(2 + SHA2_256_LENGTH);
  mh[0] = SHA2_256;
  mh[1] = SHA2_256_LENGTH;
  mh.set(hash, 2);
  return `z${base58btcEncode(mh)}`;
}

/** `z` + base58btc(0x12 0x20 ‖ SHA-256(bytes)). */
export function sha256Multibase(bytes: Uint8Array): string {
  return multibase(sha256(bytes));
}

/**
 * The digest of a JSON value: `sha256Multibase(jcsBytes(value))`, hashing the JCS text's UTF-8
 * bytes (JCS text never holds a lone surrogate, so UTF-8 encoding is exact). Throws
 * `XP_JCS_INVALID` for non-JSON input. `memo`: see `JcsMemo`.
 */
export function digestMultibase(value: unknown, memo?: JcsMemo): string {
  return multibase(sha256(jcs(value, memo)));
}

/**
 * Decodes a `digestMultibase` string to its 32 SHA-256 bytes. Attacker-controlled input:
 * anything but `z` + base58btc of a sha2-256 multihash is `XP_MULTIBASE_INVALID`.
 */
export function decodeDigestMultibase(text: string): Uint8Array {
  if (!text.startsWith('z')) throw new XprovError('XP_MULTIBASE_INVALID', 'digest is not multibase base58btc (z…)');
  const mh = base58btcDecode(text.slice(1));
  if (mh.length !== 2 + SHA2_256_LENGTH || mh[0] !== SHA2_256 || mh[1] !== SHA2_256_LENGTH) {
    throw new XprovError('XP_MULTIBASE_INVALID', 'digest is not a sha2-256 multihash');
  }
  return mh.slice(2);
}
