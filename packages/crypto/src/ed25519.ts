/**
 * Ed25519 (RFC 8032, pure EdDSA) behind one interface with two backends:
 * node:crypto (native, the hot path in Node) and @noble/curves (browsers and any
 * runtime without node:crypto). The backend is picked at runtime; both produce
 * identical signatures because Ed25519 signing is deterministic.
 *
 * node:crypto is reached through `process.getBuiltinModule` (no static import) so
 * browser bundles of the verifier never see it.
 */
import { ed25519 } from '@noble/curves/ed25519.js';

export interface Ed25519Backend {
  readonly name: 'node' | 'noble';
  /** Signs `message` with a 32-byte seed (`secretKey`). */
  sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array;
  /** Verifies; returns false (never throws) on any malformed input. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /**
   * Same answer as `verify`, off the calling thread where the backend can (node:crypto runs it
   * on the libuv thread pool), so that a verifier checking a bundle's proofs concurrently uses
   * every core. Never rejects.
   */
  verifyAsync(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
  /** Derives the 32-byte public key from the 32-byte seed. */
  publicKeyOf(secretKey: Uint8Array): Uint8Array;
}

type NodeCrypto = typeof import('node:crypto');

function loadNodeCrypto(): NodeCrypto | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const mod = proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
    return mod && typeof mod.sign === 'function' && typeof mod.createPublicKey === 'function' ? mod : undefined;
  } catch {
    return undefined;
  }
}

function b64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A map key for raw key bytes (one char per byte, no copy): cheaper than hex on every verify. */
function keyOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** A small bounded cache: KeyObject import costs more than a verify. */
class KeyCache<V> {
  readonly #max: number;
  readonly #map = new Map<string, V>();
  constructor(max: number) {
    this.#max = max;
  }
  get(key: string, make: () => V): V {
    let v = this.#map.get(key);
    if (v === undefined) {
      v = make();
      if (this.#map.size >= this.#max) {
        const oldest = this.#map.keys().next().value;
        if (oldest !== undefined) this.#map.delete(oldest);
      }
      this.#map.set(key, v);
    }
    return v;
  }
}

const PKCS8_ED25519_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

export function nodeBackend(nodeCrypto: NodeCrypto): Ed25519Backend {
  const publicKeys = new KeyCache<import('node:crypto').KeyObject>(1024);
  const privateKeys = new KeyCache<import('node:crypto').KeyObject>(64);
  const publicKeyObject = (publicKey: Uint8Array) =>
    publicKeys.get(keyOf(publicKey), () =>
      nodeCrypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(publicKey) }, format: 'jwk' }),
    );
  const privateKeyObject = (secretKey: Uint8Array) =>
    privateKeys.get(keyOf(secretKey), () => {
      // RFC 8410 PKCS#8 wrapping of a raw 32-byte Ed25519 seed.
      const der = new Uint8Array(PKCS8_ED25519_PREFIX.length + 32);
      der.set(PKCS8_ED25519_PREFIX, 0);
      der.set(secretKey, PKCS8_ED25519_PREFIX.length);
      return nodeCrypto.createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
    });
  return {
    name: 'node',
    sign(secretKey, message) {
      assertLength(secretKey, 32);
      return new Uint8Array(nodeCrypto.sign(null, message, privateKeyObject(secretKey)));
    },
    verify(publicKey, message, signature) {
      if (publicKey.length !== 32 || signature.length !== 64) return false;
      try {
        return nodeCrypto.verify(null, message, publicKeyObject(publicKey), signature);
      } catch {
        return false;
      }
    },
    verifyAsync(publicKey, message, signature) {
      if (publicKey.length !== 32 || signature.length !== 64) return Promise.resolve(false);
      return new Promise((resolve) => {
        try {
          nodeCrypto.verify(null, message, publicKeyObject(publicKey), signature, (error, ok) =>
            resolve(!error && ok === true),
          );
        } catch {
          resolve(false);
        }
      });
    },
    publicKeyOf(secretKey) {
      assertLength(secretKey, 32);
      const jwk = nodeCrypto.createPublicKey(privateKeyObject(secretKey)).export({ format: 'jwk' });
      return new Uint8Array(Buffer.from(String(jwk.x), 'base64url'));
    },
  };
}

export const nobleBackend: Ed25519Backend = {
  name: 'noble',
  sign(secretKey, message) {
    assertLength(secretKey, 32);
    return ed25519.sign(message, secretKey);
  },
  verify(publicKey, message, signature) {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    try {
      // zip215: false = strict RFC 8032 verification, as node:crypto (OpenSSL) does.
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
  verifyAsync(publicKey, message, signature) {
    return Promise.resolve(nobleBackend.verify(publicKey, message, signature));
  },
  publicKeyOf(secretKey) {
    assertLength(secretKey, 32);
    return ed25519.getPublicKey(secretKey);
  },
};

function assertLength(bytes: Uint8Array, n: number): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== n) {
    throw new RangeError(`expected ${n} bytes`);
  }
}

let selected: Ed25519Backend | undefined;

/** The backend in use: node:crypto when the runtime has it, noble otherwise. */
export function ed25519Backend(): Ed25519Backend {
  if (selected === undefined) {
    const nodeCrypto = loadNodeCrypto();
    selected = nodeCrypto ? nodeBackend(nodeCrypto) : nobleBackend;
  }
  return selected;
}

/** Forces a backend (tests, benchmarks); `undefined` restores runtime selection. */
export function setEd25519Backend(backend: Ed25519Backend | undefined): void {
  selected = backend;
}

/** Fresh 32 random bytes from the platform CSPRNG (WebCrypto, present in Node ≥ 20 and browsers). */
export function randomSecretKey(): Uint8Array {
  const seed = new Uint8Array(32);
  globalThis.crypto.getRandomValues(seed);
  return seed;
}
