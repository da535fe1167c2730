/**
 * Each step of spec/verification.md with a bundle that fails it — validly re-signed by the real
 * issuer where the defect is semantic — asserting the exact set of failing codes and the verdict.
 */
import { describe, expect, it } from 'vitest';
import { type Draft, type Tweaks, cast, encodeList, witnesses } from './fixture.js';
import { outcomeOf } from './helpers.js';

/** A grant hook acting on link `n` only. */
const at = (n: number, f: (d: Draft) => void) => (i: number, d: Draft) => {
  if (i === n) f(d);
};

const add = (iso: string, s: number) => new Date(Date.parse(iso) + s * 1000).toISOString().replace(/\.000Z$/, 'Z');

describe('valid bundles', () => {
  it('root grant + 1 delegation, eddsa-jcs-2022', async () => {
    const r = await outcomeOf();
    expect(r.codes).toEqual([]);
    expect(r.verdict).toBe('valid');
    expect(r.result.decision).toBe('permit');
    expect(r.result.executionTime).toBe('2025-06-01T12:00:00Z');
    expect(r.result.chain.map((l) => l.role)).toEqual(['grant', 'grant', 'permit', 'outcome']);
    expect(r.result.checks.every((c) => /^\d+(\.\d+)?$/.test(c.id))).toBe(true);
  });
  it('a root grant alone', async () => {
    expect((await outcomeOf({ delegations: 0 })).codes).toEqual([]);
  });
  it('two delegations', async () => {
    expect((await outcomeOf({ delegations: 2, grant: at(2, (d) => { d.credentialSubject.grant.maxDelegationDepth = 0; }) })).codes).toEqual([]);
  });
  it('eddsa-rdfc-2022', async () => {
    expect((await outcomeOf({ suite: 'eddsa-rdfc-2022' })).codes).toEqual([]);
  });
  it('witnessed checkpoint meeting the threshold', async () => {
    expect((await outcomeOf({ witnesses: 2 })).codes).toEqual([]);
  });
  it('a grant that expired after the execution still verifies', async () => {
    const r = await outcomeOf({ grant: at(1, (d) => { d.validUntil = '2025-06-01T13:00:00Z'; }) });
    expect(r.codes).toEqual([]);
  });
  it('a permit without an outcome yet (execution running) verifies the permit', async () => {
    const r = await outcomeOf({
      after: (b) => {
        b.receipts = b.receipts.filter((x: Draft) => x.credentialId !== b.outcome.id);
        delete b.outcome;
        delete b.presentations.report;
      },
    });
    expect(r.codes).toEqual([]);
    expect(r.verdict).toBe('valid');
    expect(r.result.outcome).toBeUndefined();
  });
  it('a grant revoked only in a later list: the list in effect at T decides', async () => {
    const r = await outcomeOf({
      after: async (b) => {
        // a later version of the list, with grant 1 revoked, does not matter at T
        b.statusLists.push({ ...b.statusLists[0], validFrom: '2025-07-01T00:00:00Z' });
      },
    });
    expect(r.codes).not.toContain('XP_REVOKED');
  });
});

type Case = [name: string, tweaks: Tweaks, verdict: string, codes: string[]];

const cases: Case[] = [
  // §2
  ['2.1 not a bundle', { after: (b) => { b.type = 'Nope'; } }, 'invalid', ['XP_MALFORMED']],
  ['2.1 a credential fails its schema', { after: (b) => void delete b.permit.credentialSubject.request }, 'invalid', ['XP_MALFORMED']],
  // §4
  ['4.1 did:web root without a DID document', {
    after: (b, t) => {
      b.grants[0].issuer = 'did:web:authority.test.xprov.example';
      b.grants[0].proof.verificationMethod = 'did:web:authority.test.xprov.example#key-1';
      t.authorities.push('did:web:authority.test.xprov.example');
    },
  }, 'invalid', ['XP_DID_UNRESOLVED', 'XP_CHAIN_DIGEST', 'XP_PERMIT_CHAIN_MISMATCH', 'XP_PRESENTATION_INVALID', 'XP_LOG_INCLUSION']],
  // §5
  ['5.1 a suite the trust file does not allow', { suite: 'eddsa-rdfc-2022', after: (_b, t) => { t.allowedCryptosuites = ['eddsa-jcs-2022']; } }, 'invalid', ['XP_CRYPTOSUITE_UNSUPPORTED', 'XP_STATUS_UNKNOWN']],
  // §6
  ['6.1 a broken signature', { after: (b) => { b.grants[1].credentialSubject.grant.actions = ['pay', 'read']; } }, 'invalid', ['XP_PROOF_INVALID', 'XP_PERMIT_CHAIN_MISMATCH', 'XP_PRESENTATION_INVALID', 'XP_LOG_INCLUSION']],
  ['6.1 signed by a key that is not the issuer’s', { grantSigner: (i) => (i === 0 ? cast.rogue : undefined) }, 'invalid', ['XP_PROOF_INVALID']],
  ['6.2 wrong challenge in the request presentation', { requestChallenge: 'not-the-governors' }, 'invalid', ['XP_PRESENTATION_INVALID']],
  ['6.2 request presentation missing', { after: (b) => void delete b.presentations.request }, 'invalid', ['XP_PRESENTATION_INVALID']],
  ['6.3 report presentation missing', { after: (b) => void delete b.presentations.report }, 'invalid', ['XP_PRESENTATION_INVALID']],
  // §7
  ['7.1 root by an untrusted authority', { after: (_b, t) => { t.authorities = [cast.rogue.did]; } }, 'invalid', ['XP_CHAIN_UNTRUSTED_ROOT']],
  ['7.3 a parent digest that does not match', { grant: at(1, (d) => { d.parent.digestMultibase = 'zQmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk'; }) }, 'invalid', ['XP_CHAIN_DIGEST']],
  ['7.2 a delegation issued by someone else', { grant: at(1, (d) => { d.issuer = cast.governor.did; }), grantSigner: (i) => (i === 1 ? cast.governor : undefined) }, 'invalid', ['XP_CHAIN_BROKEN']],
  ['7.4 an escalating delegation signed by its real issuer', { grant: (i, d) => i === 1 && d.credentialSubject.grant.actions.push('admin') }, 'invalid', ['XP_CHAIN_ESCALATION']],
  ['7.4 a delegation outliving its parent', { grant: at(1, (d) => { d.validUntil = '2027-01-01T00:00:00Z'; }) }, 'invalid', ['XP_CHAIN_ESCALATION']],
  ['7.5 depth not decreasing', { grant: at(1, (d) => { d.credentialSubject.grant.maxDelegationDepth = 2; }) }, 'invalid', ['XP_CHAIN_DEPTH']],
  // §8
  ['8.1 a grant not yet valid at T', { grant: at(1, (d) => { d.validFrom = '2025-06-02T00:00:00Z'; }) }, 'invalid', ['XP_NOT_YET_VALID']],
  ['8.1 a grant expired at T', { grant: at(1, (d) => { d.validUntil = '2025-06-01T11:00:00Z'; }) }, 'invalid', ['XP_EXPIRED']],
  // §9
  ['9.1 revoked at T', { revoked: [101] }, 'invalid', ['XP_REVOKED']],
  ['9.1 status list missing', { after: (b) => { b.receipts = b.receipts.filter((r: Draft) => !r.credentialId.startsWith('https:')); b.statusLists = []; } }, 'inconclusive', ['XP_STATUS_UNKNOWN']],
  ['9.1 only a later list, revoked: unknown at T', { revoked: [101], statusListFrom: '2025-07-01T00:00:00Z' }, 'inconclusive', ['XP_STATUS_UNKNOWN']],
  ['9.1 a later list with the bit clear proves not revoked', { statusListFrom: '2025-07-01T00:00:00Z' }, 'valid', []],
  // §10
  ['10.1 a permit by an untrusted governor', { governor: cast.rogue }, 'invalid', ['XP_PERMIT_UNTRUSTED']],
  ['10.2 a permit for another chain, signed by the governor', { permit: (d) => d.credentialSubject.authorization.pop() }, 'invalid', ['XP_PERMIT_CHAIN_MISMATCH']],
  // §11
  ['11.1 a policy digest that does not match its source', { grant: at(1, (d) => { d.credentialSubject.grant.policy.source = 'permit (principal, action, resource);'; }) }, 'invalid', ['XP_POLICY_DIGEST']],
  ['11.2 a request the chain’s policies deny', { parameters: { amount: 700 } }, 'invalid', ['XP_POLICY_DENIED']],
  // §12
  // The report still names this permit, so the outcome also misstates the report (6.3).
  ['12.1 an outcome for another permit', { outcome: (d) => { d.credentialSubject.permit.digestMultibase = 'zQmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk'; } }, 'invalid', ['XP_OUTCOME_PERMIT_MISMATCH', 'XP_PRESENTATION_INVALID']],
  ['12.2 an outcome for another resource', { outcome: (d) => { d.credentialSubject.resource = 'acct:ops/other'; } }, 'invalid', ['XP_OUTCOME_SCOPE']],
  ['12.3 started after the permit expired', {
    report: (d) => {
      d.report.startedAt = add('2025-06-01T12:00:00Z', 3600);
      d.report.completedAt = add('2025-06-01T12:00:00Z', 3601);
    },
  }, 'invalid', ['XP_OUTCOME_OUTSIDE_WINDOW']],
  ['12.4 runtime enforcement recorded a violation', {
    report: (d) => {
      d.report.status = 'violated';
      d.report.enforcement.violations = [{ limit: 'maxInvocations', used: 2 }];
    },
  }, 'invalid', ['XP_OUTCOME_VIOLATION']],
  // §13
  ['13.1 a credential without receipt', { after: (b) => { b.receipts.splice(0, 1); } }, 'invalid', ['XP_LOG_MISSING']],
  ['13.2 a log the trust file does not list', { after: (_b, t) => { t.logs[0].origin = 'other.log'; } }, 'invalid', ['XP_LOG_UNTRUSTED']],
  ['13.3 a checkpoint signed by another key', { after: (_b, t) => { t.logs[0].vkey = witnesses[0]!.verifierKey.replace(/^[^+]+/, 'log.test.xprov.example'); } }, 'invalid', ['XP_LOG_CHECKPOINT_SIGNATURE']],
  ['13.4 too few witnesses', { witnesses: 1, after: (_b, t) => { t.witnesses.threshold = 2; } }, 'invalid', ['XP_LOG_WITNESS']],
  ['13.6 an inclusion proof that does not reach the root', { after: (b) => { b.receipts[1].inclusionProof[0] = Buffer.alloc(32, 7).toString('base64'); } }, 'invalid', ['XP_LOG_INCLUSION']],
  ['13.7 an outcome logged before its permit', { logOrder: (l) => [...l.filter((x) => x !== 'permit'), 'permit'] }, 'invalid', ['XP_LOG_ORDER']],
  ['13.7 evaluated after the witnesses saw the log', { witnesses: 2, after: (_b, t) => { t.maxClockSkewSeconds = 0; } }, 'valid', []],
];

describe('each step fails on its own defect', () => {
  it.each(cases)('%s', async (_name, tweaks, verdict, codes) => {
    const r = await outcomeOf(tweaks);
    expect(new Set(r.codes)).toEqual(new Set(codes));
    expect(r.verdict).toBe(verdict);
  });
});

describe('13.8 consistency between checkpoints', () => {
  it('two checkpoints of one size with different roots', async () => {
    const r = await outcomeOf({
      after: (b) => {
        const other: Draft = JSON.parse(JSON.stringify(b.receipts[0]));
        b.checkpoints = [other.checkpoint.replace(/\n\n[\s\S]*$/, '\n\n— x AAAA\n')];
      },
    });
    expect(r.codes).toEqual([]);
  });
});

describe('revocation bit order', () => {
  it('index 0 is the left-most bit', async () => {
    const { decodeBitstring, bitAt } = await import('../src/index.js');
    const bits = decodeBitstring(encodeList([0, 9]));
    expect([bitAt(bits, 0), bitAt(bits, 1), bitAt(bits, 8), bitAt(bits, 9)]).toEqual([true, false, false, true]);
    expect(bits[0]).toBe(0x80);
    expect(() => bitAt(bits, 131072)).toThrow(RangeError);
  });
});
