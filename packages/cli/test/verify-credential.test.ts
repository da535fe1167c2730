import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, VECTORS, xprov } from './helpers.js';

const dir = tempDir();
const run = (args: string[]) => xprov(args, { cwd: dir });

beforeAll(() => {
  const authority = run(['keys', 'new', '--out', 'authority.json']).stdout.trim();
  const agent = run(['keys', 'new', '--out', 'agent.json']).stdout.trim();
  const sub = run(['keys', 'new', '--out', 'sub.json']).stdout.trim();
  expect(authority).toMatch(/^did:key:z6Mk/);
  const root = run(['grant', '--key', 'authority.json', '--agent', agent, '--action', 'read', '--resource', 'doc:*', '--valid-until', '2030-01-01T00:00:00Z', '--max-depth', '1']);
  writeFileSync(join(dir, 'root.json'), root.stdout);
  const child = run(['grant', '--key', 'agent.json', '--agent', sub, '--action', 'read', '--resource', 'doc:1', '--parent', 'root.json', '--suite', 'eddsa-rdfc-2022']);
  expect(child.status).toBe(0);
  writeFileSync(join(dir, 'child.json'), child.stdout);
});

describe('xprov verify-credential', () => {
  it('verifies one credential, and a chain root first', () => {
    const one = run(['verify-credential', 'root.json']);
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ verified: true, chain: false });
    const chain = run(['verify-credential', 'root.json', 'child.json']);
    expect(chain.status).toBe(0);
    expect(JSON.parse(chain.stdout).credentials.map((c: { cryptosuite: string }) => c.cryptosuite)).toEqual([
      'eddsa-jcs-2022',
      'eddsa-rdfc-2022',
    ]);
  });

  it('a chain in the wrong order is XP_CHAIN_BROKEN (exit 1)', () => {
    const r = run(['verify-credential', 'child.json', 'root.json']);
    expect(r.status).toBe(1);
    expect(r.code).toBe('XP_CHAIN_BROKEN');
  });

  it('any change to a signed credential is XP_PROOF_INVALID (exit 1)', () => {
    const vc = JSON.parse(readFileSync(join(dir, 'child.json'), 'utf8'));
    vc.credentialSubject.grant.resources = ['doc:*'];
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(vc));
    const r = run(['verify-credential', 'tampered.json']);
    expect(r.status).toBe(1);
    expect(r.code).toBe('XP_PROOF_INVALID');
  });

  it('a key that is not the issuer\'s is XP_PROOF_INVALID (the W3C vector: issuer is a URL)', () => {
    const r = run(['verify-credential', join(VECTORS, 'eddsa-jcs-2022', 'signedJCS.json')]);
    expect(r.status).toBe(1);
    expect(r.code).toBe('XP_PROOF_INVALID');
  });

  it('a DID it cannot resolve offline is XP_DID_UNRESOLVED, inconclusive (exit 3)', () => {
    const vc = JSON.parse(readFileSync(join(dir, 'root.json'), 'utf8'));
    vc.issuer = 'did:web:example.com';
    vc.proof.verificationMethod = 'did:web:example.com#key-1';
    writeFileSync(join(dir, 'web.json'), JSON.stringify(vc));
    const r = run(['verify-credential', 'web.json']);
    expect(r.status).toBe(3);
    expect(r.code).toBe('XP_DID_UNRESOLVED');
  });

  it('a file that is not JSON is XP_MALFORMED; a missing file XP_IO', () => {
    writeFileSync(join(dir, 'junk.json'), 'junk');
    expect(run(['verify-credential', 'junk.json']).code).toBe('XP_MALFORMED');
    const missing = run(['verify-credential', 'missing.json']);
    expect(missing.code).toBe('XP_IO');
    expect(missing.status).toBe(2);
  });
});
