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

/** The least and greatest sha2-256 multihash (0x12 0x20 ‖ 32 bytes) as `z` + base58btc. */
const LEAST = multibase(new Uint8Array(32));
const GREATEST = multibase(new Uint8Array(32).fill(0xff));
const BASE58_Z = /^z[1-9A-HJ-NP-Za-km-z]+$/;

/**
 * Whether `text` is a `digestMultibase` (`decodeDigestMultibase` would accept it), without
 * decoding. Attacker-controlled input. Exact: such a multihash is a number in
 * [0x1220·2^256, 0x1221·2^256), so its base58btc digits (no leading '1', a zero byte) have one
 * length (46, asserted below), and among base58btc strings of one length the numeric order is the
 * string order (the alphabet is in ASCII order). Anything else takes the decoding path.
 */
export function isSha256Multibase(text: string): boolean {
  if (text.length === LEAST.length && LEAST.length === GREATEST.length && BASE58_Z.test(text)) {
    return text >= LEAST && text <= GREATEST;
  }
  try {
    decodeDigestMultibase(text);
    return true;
  } catch {
    return false;
  }
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
