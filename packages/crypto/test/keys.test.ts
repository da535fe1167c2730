import { base58btcEncode } from '@xprov/format';
import { describe, expect, it } from 'vitest';
import {
  decodePublicKeyMultibase,
  didKeyDocument,
  didKeyFromPublicKey,
  generateKeyPair,
  keyPairFromJson,
  keyPairFromSecretKey,
  keyPairToJson,
  parseDidKey,
} from '../src/index.js';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'no error';
};

describe('Multikey key pairs', () => {
  it('generates z6Mk… public and z3u2… secret keys that round-trip through JSON', () => {
    const pair = generateKeyPair();
    expect(pair.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(pair.secretKeyMultibase).toMatch(/^z3u2/);
    const again = keyPairFromJson(keyPairToJson(pair));
    expect(again.publicKeyMultibase).toBe(pair.publicKeyMultibase);
    expect(Buffer.from(again.secretKey)).toEqual(Buffer.from(pair.secretKey));
  });

  it('accepts privateKeyMultibase (W3C vector naming) and a key without its public half', () => {
    const pair = generateKeyPair();
    expect(keyPairFromJson({ privateKeyMultibase: pair.secretKeyMultibase }).publicKeyMultibase).toBe(
      pair.publicKeyMultibase,
    );
  });

  it('refuses mismatched pairs, wrong multicodecs, lengths and encodings with XP_KEY_INVALID', () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    const bad = [
      { publicKeyMultibase: b.publicKeyMultibase, secretKeyMultibase: a.secretKeyMultibase },
      { secretKeyMultibase: a.secretKeyMultibase, privateKeyMultibase: b.secretKeyMultibase },
      { secretKeyMultibase: a.publicKeyMultibase }, // public-key multicodec in the secret slot
      { secretKeyMultibase: `z${base58btcEncode(new Uint8Array([0x80, 0x26, ...new Uint8Array(31)]))}` },
      { secretKeyMultibase: `u${a.secretKeyMultibase.slice(1)}` },
      { secretKeyMultibase: 'z0OIl' },
      { publicKeyMultibase: a.publicKeyMultibase },
      { secretKeyMultibase: a.secretKeyMultibase, publicKeyMultibase: 'zzz' },
      null,
      [],
      'z3u2…',
    ];
    for (const json of bad) expect(code(() => keyPairFromJson(json))).toBe('XP_KEY_INVALID');
    expect(code(() => keyPairFromSecretKey(new Uint8Array(31)))).toBe('XP_KEY_INVALID');
    expect(code(() => decodePublicKeyMultibase(a.secretKeyMultibase))).toBe('XP_KEY_INVALID');
  });
});

describe('did:key', () => {
  it('derives did:key:z6Mk… and the #z6Mk… verification method (did:key spec example key)', () => {
    const pub = 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    const k = didKeyFromPublicKey(pub);
    expect(k.did).toBe(`did:key:${pub}`);
    expect(k.verificationMethod).toBe(`did:key:${pub}#${pub}`);
    expect(parseDidKey(k.verificationMethod).did).toBe(k.did);
  });

  it('builds the Multikey DID document with the key under every relationship', () => {
    const { did, verificationMethod } = didKeyFromPublicKey(generateKeyPair().publicKeyMultibase);
    const doc = didKeyDocument(did);
    expect(doc.verificationMethod[0]).toMatchObject({ id: verificationMethod, type: 'Multikey', controller: did });
    for (const rel of ['authentication', 'assertionMethod', 'capabilityInvocation', 'capabilityDelegation'] as const) {
      expect(doc[rel]).toEqual([verificationMethod]);
    }
  });

  it('refuses other methods, other key types, mismatched fragments with XP_DID_INVALID', () => {
    const pub = generateKeyPair().publicKeyMultibase;
    const other = generateKeyPair().publicKeyMultibase;
    for (const bad of [
      'did:web:example.com',
      'did:key:',
      'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme', // secp256k1
      `did:key:${pub}#${other}`,
      `did:key:${pub}/path`,
      42,
    ]) {
      expect(code(() => parseDidKey(bad))).toBe('XP_DID_INVALID');
    }
    expect(code(() => didKeyDocument(`did:key:${pub}#${pub}`))).toBe('XP_DID_INVALID');
  });
});
