import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDidKeyVerificationMethod, verifyProof } from '@xprov/crypto';
import { describe, expect, it } from 'vitest';
import { digitalBazaarVerifies } from './interop.js';
import { tempDir, VECTORS, xprov } from './helpers.js';

// W3C vc-di-eddsa TestVectors (keyPair.json, unsigned.json and the signed outputs), committed by
// the crypto package in packages/crypto/test/vectors/ with their source cited in its README.
const KEY = join(VECTORS, 'keyPair.json');
const UNSIGNED = readFileSync(join(VECTORS, 'unsigned.json'), 'utf8');
const CREATED = '2023-02-24T23:36:38Z';
const SIGNED = {
  'eddsa-jcs-2022': join(VECTORS, 'eddsa-jcs-2022', 'signedJCS.json'),
  'eddsa-rdfc-2022': join(VECTORS, 'eddsa-rdfc-2022', 'signedDataInt.json'),
} as const;

async function verifies(doc: unknown): Promise<{ verified: boolean; code?: string }> {
  const r = await verifyProof(doc, {
    resolveVerificationMethod: resolveDidKeyVerificationMethod,
    expectedProofPurpose: 'assertionMethod',
  });
  return r.verified ? { verified: true } : { verified: false, code: r.code };
}

function unsignedCredential(extra: Record<string, unknown> = {}) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    id: 'urn:uuid:7d4a1c8e-2f0b-4b7e-9a51-0c6f3d2e8b14',
    type: ['VerifiableCredential', 'ExampleCredential'],
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:subject', claim: 'value' },
    ...extra,
  };
}

describe('xprov issue reproduces the W3C vc-di-eddsa test vectors', () => {
  for (const suite of ['eddsa-jcs-2022', 'eddsa-rdfc-2022'] as const) {
    it(suite, () => {
      const r = xprov(['issue', '--key', KEY, '--suite', suite, '--created', CREATED], { input: UNSIGNED });
      expect(r.status).toBe(0);
      const expected = readFileSync(SIGNED[suite], 'utf8');
      // Byte for byte: the vector files are 2-space JSON without a final newline; xprov adds one.
      expect(r.stdout).toBe(`${expected.trimEnd()}\n`);
      expect(JSON.parse(r.stdout).proof.proofValue).toBe(JSON.parse(expected).proof.proofValue);
    });
  }
});

describe('xprov issue output verifies', () => {
  const dir = tempDir();
  const did = xprov(['keys', 'new', '--out', 'k.json'], { cwd: dir }).stdout.trim();

  for (const suite of ['eddsa-jcs-2022', 'eddsa-rdfc-2022'] as const) {
    it(`${suite}: with @xprov/crypto and @digitalbazaar/vc; a missing issuer becomes the key's DID`, async () => {
      const r = xprov(['issue', '--key', 'k.json', '--suite', suite], { cwd: dir, input: JSON.stringify(unsignedCredential()) });
      expect(r.status).toBe(0);
      const signed = JSON.parse(r.stdout);
      expect(signed.issuer).toBe(did);
      expect(signed.proof.verificationMethod).toBe(`${did}#${did.slice('did:key:'.length)}`);
      expect(signed.proof.proofPurpose).toBe('assertionMethod');
      expect(signed.proof.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(await verifies(signed)).toEqual({ verified: true });
      expect(await digitalBazaarVerifies(signed)).toBe(true);

      const tampered = { ...signed, credentialSubject: { ...signed.credentialSubject, claim: 'other' } };
      expect((await verifies(tampered)).code).toBe('XP_PROOF_INVALID');
      expect(await digitalBazaarVerifies(tampered)).toBe(false);
    });
  }

  it('a credential whose issuer is another DID is signed but does not verify (XP_PROOF_INVALID)', async () => {
    const input = JSON.stringify(unsignedCredential({ issuer: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2' }));
    const r = xprov(['issue', '--key', 'k.json'], { cwd: dir, input });
    expect(r.status).toBe(0);
    expect((await verifies(JSON.parse(r.stdout))).code).toBe('XP_PROOF_INVALID');
  });
});

describe('xprov issue refuses', () => {
  const dir = tempDir();
  xprov(['keys', 'new', '--out', 'k.json'], { cwd: dir });

  it.each([
    ['not JSON', 'nope'],
    ['an array', '[]'],
    ['no VC 2.0 context', JSON.stringify({ ...unsignedCredential(), '@context': ['https://www.w3.org/2018/credentials/v1'] })],
    ['no VerifiableCredential type', JSON.stringify({ ...unsignedCredential(), type: ['Other'] })],
    ['an already signed credential', JSON.stringify({ ...unsignedCredential(), proof: {} })],
  ])('%s on stdin (XP_MALFORMED, exit 1)', (_name, input) => {
    const r = xprov(['issue', '--key', 'k.json'], { cwd: dir, input });
    expect(r.status).toBe(1);
    expect(r.code).toBe('XP_MALFORMED');
    expect(r.stdout).toBe('');
  });

  it('an unknown context: XP_CONTEXT_UNKNOWN, exit 1, never a request', () => {
    const input = JSON.stringify({ ...unsignedCredential(), '@context': ['https://www.w3.org/ns/credentials/v2', 'https://example.com/ctx'] });
    for (const suite of ['eddsa-jcs-2022', 'eddsa-rdfc-2022']) {
      const r = xprov(['issue', '--key', 'k.json', '--suite', suite], { cwd: dir, input });
      expect(r.status).toBe(1);
      expect(r.code).toBe('XP_CONTEXT_UNKNOWN');
    }
  });

  it.each([
    [['issue'], 'no --key'],
    [['issue', '--key', 'k.json', '--suite', 'ed25519-2020'], 'an unknown suite'],
    [['issue', '--key', 'k.json', '--created', 'yesterday'], 'a bad --created'],
    [['issue', '--key', 'k.json', '--created', '2025-02-30T00:00:00Z'], 'a non-calendar --created'],
  ])('%j (%s): XP_USAGE, exit 2', (args) => {
    const r = xprov(args, { cwd: dir, input: JSON.stringify(unsignedCredential()) });
    expect(r.status).toBe(2);
    expect(r.code).toBe('XP_USAGE');
  });

  it('a missing key file: XP_IO, exit 2', () => {
    const r = xprov(['issue', '--key', 'none.json'], { cwd: dir, input: JSON.stringify(unsignedCredential()) });
    expect(r.status).toBe(2);
    expect(r.code).toBe('XP_IO');
  });
});
