/**
 * Data Integrity §4.5 proof chains through `verifyProof`'s `previousProofs` option, on the W3C
 * DI suite's published chain (test/vectors/README.md), and the VC 1.1 context in the loader.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CREDENTIALS_V1_URL, defaultDocumentLoader, resolveDidKeyVerificationMethod, verifyProof } from '../src/index.js';

type Json = Record<string, unknown>;
const chain = JSON.parse(readFileSync(new URL('./vectors/w3c-di-previous-proof-string-ok.json', import.meta.url), 'utf8')) as Json & {
  proof: [Json, Json];
};
const [first, second] = chain.proof;
const { proof: _set, ...unsecured } = chain;
const controllerOf = (p: Json) => String(p.verificationMethod).split('#')[0]!;
const options = (p: Json) => ({
  resolveVerificationMethod: resolveDidKeyVerificationMethod,
  expectedProofPurpose: 'assertionMethod' as const,
  expectedController: controllerOf(p),
});

describe('proof chains (previousProof)', () => {
  it('verify the first proof alone and the second over the document carrying the first', async () => {
    expect((await verifyProof({ ...unsecured, proof: first }, options(first))).verified).toBe(true);
    const r = await verifyProof({ ...unsecured, proof: second }, { ...options(second), previousProofs: first });
    expect(r.verified).toBe(true);
  });

  it('fail with XP_PROOF_INVALID when the previous proof is left out or altered', async () => {
    const alone = await verifyProof({ ...unsecured, proof: second }, options(second));
    expect(alone.verified ? 'verified' : alone.code).toBe('XP_PROOF_INVALID');
    const altered = await verifyProof({ ...unsecured, proof: second }, { ...options(second), previousProofs: { ...first, created: '2024-01-01T00:00:00Z' } });
    expect(altered.verified ? 'verified' : altered.code).toBe('XP_PROOF_INVALID');
  });

  it('bundles the VC 1.1 context (the DI suites issue 1.1 credentials) and still fetches nothing else', async () => {
    expect(defaultDocumentLoader().has(CREDENTIALS_V1_URL)).toBe(true);
    await expect(defaultDocumentLoader()('https://www.w3.org/2018/credentials/v99')).rejects.toMatchObject({ code: 'XP_CONTEXT_UNKNOWN' });
  });
});
