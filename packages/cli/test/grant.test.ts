import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDidKeyVerificationMethod, verifyProof } from '@xprov/crypto';
import { checkAttenuation, digestMultibase, parseGrant } from '@xprov/format';
import { evaluate, policyDigest } from '@xprov/policy';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitalBazaarVerifies } from './interop.js';
import { tempDir, xprov } from './helpers.js';

const POLICY = `@id("transfer-cap")
permit (principal, action == Action::"payments:transfer", resource)
when { resource.id like "acct:ops/*" && decimal(context.parameters.amount).lessThanOrEqual(decimal("500.00")) };
`;
const UNTIL = '2030-01-01T00:00:00Z';

async function proofOk(doc: unknown): Promise<boolean> {
  const r = await verifyProof(doc, {
    resolveVerificationMethod: resolveDidKeyVerificationMethod,
    expectedProofPurpose: 'assertionMethod',
  });
  return r.verified;
}

const dir = tempDir();
const did: Record<string, string> = {};

function run(args: string[]) {
  return xprov(args, { cwd: dir });
}

beforeAll(() => {
  for (const name of ['authority', 'agent', 'sub', 'other']) {
    did[name] = run(['keys', 'new', '--out', `${name}.json`]).stdout.trim();
  }
  writeFileSync(join(dir, 'transfer.cedar'), POLICY);
  const root = run([
    'grant', '--key', 'authority.json', '--agent', did.agent!, '--action', 'payments:transfer', 'payments:read',
    '--resource', 'acct:ops/*', '--policy', 'transfer.cedar', '--valid-from', '2025-01-01T00:00:00Z',
    '--valid-until', UNTIL, '--max-depth', '2',
  ]);
  expect(root.stderr).toBe('');
  expect(root.status).toBe(0);
  writeFileSync(join(dir, 'root.json'), root.stdout);
});

const delegate = (...extra: string[]) =>
  run(['grant', '--key', 'agent.json', '--agent', did.sub!, '--action', 'payments:transfer', '--resource', 'acct:ops/payroll', '--parent', 'root.json', ...extra]);

describe('xprov grant: root grants', () => {
  for (const suite of ['eddsa-jcs-2022', 'eddsa-rdfc-2022'] as const) {
    it(`${suite}: a well-formed, signed grant that @xprov/crypto and @digitalbazaar/vc verify`, async () => {
      const r = run([
        'grant', '--key', 'authority.json', '--agent', did.agent!, '--action', 'payments:transfer', '--resource', 'acct:ops/*',
        '--policy', 'transfer.cedar', '--valid-until', UNTIL, '--suite', suite,
      ]);
      expect(r.status).toBe(0);
      const grant = parseGrant(JSON.parse(r.stdout));
      expect(grant.issuer).toBe(did.authority);
      expect(grant.credentialSubject.id).toBe(did.agent);
      expect(grant.credentialSubject.grant.maxDelegationDepth).toBe(0);
      expect(grant.proof.cryptosuite).toBe(suite);
      expect(await proofOk(grant)).toBe(true);
      expect(await digitalBazaarVerifies(grant)).toBe(true);
    });
  }

  it('embeds the policy with its digest, and the embedded source evaluates', () => {
    const grant = parseGrant(JSON.parse(readFileSync(join(dir, 'root.json'), 'utf8')));
    const policy = grant.credentialSubject.grant.policy!;
    expect(policy).toEqual({ language: 'cedar', digestMultibase: policyDigest(POLICY), source: POLICY });
    const request = { principal: did.agent!, action: 'payments:transfer', resource: 'acct:ops/a', parameters: { amount: '500.00' } };
    expect(evaluate({ policies: policy.source, request, time: '2025-06-01T00:00:00Z' }).decision).toBe('allow');
  });

  it('a policy that does not parse is refused (XP_POLICY_SYNTAX, exit 1)', () => {
    writeFileSync(join(dir, 'bad.cedar'), 'permit(principal');
    const r = run(['grant', '--key', 'authority.json', '--agent', did.agent!, '--action', 'a', '--resource', 'r', '--policy', 'bad.cedar', '--valid-until', UNTIL]);
    expect(r.status).toBe(1);
    expect(r.code).toBe('XP_POLICY_SYNTAX');
    expect(r.stdout).toBe('');
  });
});

describe('xprov grant --parent: delegations', () => {
  it('issues an attenuated delegation from the parent subject', async () => {
    const r = delegate();
    expect(r.status).toBe(0);
    const root = JSON.parse(readFileSync(join(dir, 'root.json'), 'utf8'));
    const child = parseGrant(JSON.parse(r.stdout));
    expect(child.issuer).toBe(did.agent);
    expect(child.parent).toEqual({ id: root.id, digestMultibase: digestMultibase(root) });
    expect(child.credentialSubject.grant.maxDelegationDepth).toBe(1);
    expect(child.validUntil).toBe(UNTIL);
    expect(checkAttenuation(root, child)).toEqual([]);
    expect(await proofOk(child)).toBe(true);
    expect(await digitalBazaarVerifies(child)).toBe(true);

    // and one more level, down to depth 0
    writeFileSync(join(dir, 'child.json'), r.stdout);
    const g = run(['grant', '--key', 'sub.json', '--agent', did.other!, '--action', 'payments:transfer', '--resource', 'acct:ops/payroll', '--parent', 'child.json']);
    expect(g.status).toBe(0);
    expect(JSON.parse(g.stdout).credentialSubject.grant.maxDelegationDepth).toBe(0);
    writeFileSync(join(dir, 'grandchild.json'), g.stdout);
    const beyond = run(['grant', '--key', 'other.json', '--agent', did.sub!, '--action', 'payments:transfer', '--resource', 'acct:ops/payroll', '--parent', 'grandchild.json']);
    expect(beyond.status).toBe(1);
    expect(beyond.code).toBe('XP_CHAIN_DEPTH');
  });

  it.each([
    ['an action the parent lacks', ['--action', 'payments:delete'], 'XP_CHAIN_ESCALATION'],
    ['a wider resource', ['--resource', 'acct:*'], 'XP_CHAIN_ESCALATION'],
    ['a longer validity', ['--valid-until', '2031-01-01T00:00:00Z'], 'XP_CHAIN_ESCALATION'],
    ['an earlier start', ['--valid-from', '2024-01-01T00:00:00Z'], 'XP_CHAIN_ESCALATION'],
    ['the same depth', ['--max-depth', '2'], 'XP_CHAIN_DEPTH'],
  ])('refuses %s with its code and exit 1', (_name, extra, code) => {
    // later options win over the defaults given by `delegate`
    const r = delegate(...extra);
    expect(r.status).toBe(1);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
  });

  it('only the parent grant subject may delegate (XP_CHAIN_BROKEN)', () => {
    const r = run(['grant', '--key', 'other.json', '--agent', did.sub!, '--action', 'payments:transfer', '--resource', 'acct:ops/x', '--parent', 'root.json']);
    expect(r.status).toBe(1);
    expect(r.code).toBe('XP_CHAIN_BROKEN');
  });

  it('a tampered parent is refused (XP_PROOF_INVALID)', () => {
    const root = JSON.parse(readFileSync(join(dir, 'root.json'), 'utf8'));
    root.credentialSubject.grant.actions.push('payments:delete');
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(root));
    const r = run(['grant', '--key', 'agent.json', '--agent', did.sub!, '--action', 'payments:delete', '--resource', 'acct:ops/x', '--parent', 'tampered.json']);
    expect(r.status).toBe(1);
    expect(r.code).toBe('XP_PROOF_INVALID');
  });

  it('a parent that is not a grant is refused (XP_MALFORMED)', () => {
    writeFileSync(join(dir, 'notgrant.json'), '{"hello":"world"}');
    const r = run(['grant', '--key', 'agent.json', '--agent', did.sub!, '--action', 'a', '--resource', 'r', '--parent', 'notgrant.json']);
    expect(r.status).toBe(1);
    expect(r.code).toBe('XP_MALFORMED');
  });

  it('a missing parent file is XP_IO, exit 2', () => {
    const r = run(['grant', '--key', 'agent.json', '--agent', did.sub!, '--action', 'a', '--resource', 'r', '--parent', 'nope.json']);
    expect(r.status).toBe(2);
    expect(r.code).toBe('XP_IO');
  });
});

describe('xprov grant usage errors (XP_USAGE, exit 2)', () => {
  const base = ['grant', '--key', 'authority.json', '--valid-until', UNTIL];
  it.each([
    ['a bad agent DID', ['--agent', 'alice', '--action', 'a', '--resource', 'r']],
    ['no action', ['--agent', 'did:key:z6Mkx', '--resource', 'r']],
    ['no resource', ['--agent', 'did:key:z6Mkx', '--action', 'a']],
    ['a wildcard action', ['--agent', 'did:key:z6Mkx', '--action', 'pay*', '--resource', 'r']],
    ['a * inside a resource', ['--agent', 'did:key:z6Mkx', '--action', 'a', '--resource', 'acct:*/x']],
    ['a bad --valid-from', ['--agent', 'did:key:z6Mkx', '--action', 'a', '--resource', 'r', '--valid-from', '2025-13-01T00:00:00Z']],
    ['until before from', ['--agent', 'did:key:z6Mkx', '--action', 'a', '--resource', 'r', '--valid-from', '2031-01-01T00:00:00Z']],
    ['a bad --max-depth', ['--agent', 'did:key:z6Mkx', '--action', 'a', '--resource', 'r', '--max-depth', 'two']],
    ['an unknown suite', ['--agent', 'did:key:z6Mkx', '--action', 'a', '--resource', 'r', '--suite', 'rsa']],
  ])('%s', (_name, extra) => {
    const r = run([...base, ...extra]);
    expect(r.status).toBe(2);
    expect(r.code).toBe('XP_USAGE');
    expect(r.stdout).toBe('');
  });

  it('a root grant without --valid-until', () => {
    const r = run(['grant', '--key', 'authority.json', '--agent', did.agent!, '--action', 'a', '--resource', 'r']);
    expect(r.status).toBe(2);
    expect(r.code).toBe('XP_USAGE');
  });
});
