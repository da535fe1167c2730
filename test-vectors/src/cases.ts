/**
 * The catalogue of vectors (spec/vectors.md §4): each is the valid scenario with one change.
 * Most invalid vectors are *validly signed* by the party that would have to be dishonest or
 * mistaken (an escalating delegation signed by its real issuer, a permit for another chain signed
 * by the real governor …), so they test the verifier's logic, not only its signature checks.
 * Expected codes are those spec/verification.md prescribes: one defect, one failing code.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { digestMultibase } from '@xprov/format';
import { policyDigest } from '@xprov/policy';
import { addSeconds, TIMES, tokenFor, uuidFor } from './determinism.js';
import { coseReceiptFromJson } from '@xprov/interop';
import { type Receipt, VectorLog } from './log.js';
import { encodeStatusList } from './status-list.js';
import { ROOT_POLICY } from './policies.js';
import type { Cast } from './actors.js';
import { type Draft, STATUS_LIST_URL, statusIndex, type Tweaks } from './scenario.js';
import type { Verdict } from './vector.js';

export interface Case {
  id: string;
  description: string;
  spec: string;
  tweaks: Tweaks;
  expected: { verdict: Verdict; codes: string[] };
}

const valid = { verdict: 'valid' as const, codes: [] };
const invalid = (...codes: string[]) => ({ verdict: 'invalid' as const, codes: codes.sort() });
const inconclusive = (...codes: string[]) => ({ verdict: 'inconclusive' as const, codes: codes.sort() });
const T = TIMES.evaluatedAt;
const V = 'verification.md';

/** A 32-byte hash that belongs to no tree, base64. */
const bogusHash = () => Buffer.from(sha256(new TextEncoder().encode('not a node of this tree'))).toString('base64');

/** The governor's list revokes the first delegation; a later version (May) has the bit clear. */
const REVOKED_THEN_LATER = [
  { validFrom: TIMES.statusListFrom, revoked: [statusIndex(1)] },
  { validFrom: '2025-05-01T00:00:00Z', revoked: [] },
];

export const CASES: Case[] = [
  // ── valid ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'valid-root-grant-only',
    description: 'The agent acts directly on a root grant from a trusted authority; everything signed with eddsa-jcs-2022 and logged.',
    spec: `${V} §1–§14`,
    tweaks: { delegations: 0 },
    expected: valid,
  },
  {
    id: 'valid-delegation-1',
    description: 'Root grant plus one delegation; both policies (amount cap, business hours) permit the request.',
    spec: `${V} §7, §11.2`,
    tweaks: { delegations: 1 },
    expected: valid,
  },
  {
    id: 'valid-delegation-2',
    description: 'Root grant plus two delegations, each narrowing actions, resources and validity; three policies permit.',
    spec: `${V} §7, §11.2`,
    tweaks: { delegations: 2 },
    expected: valid,
  },
  {
    id: 'valid-delegation-3',
    description: 'Root grant plus three delegations down to depth 0; every link attenuates its parent.',
    spec: `${V} §7.2–§7.5`,
    tweaks: { delegations: 3 },
    expected: valid,
  },
  {
    id: 'valid-delegation-3-rdfc',
    description: 'The three-delegation chain with every proof (credentials, status list, presentations) in eddsa-rdfc-2022.',
    spec: `${V} §5.1, §6`,
    tweaks: { delegations: 3, suite: 'eddsa-rdfc-2022' },
    expected: valid,
  },
  {
    id: 'valid-mixed-suites',
    description: 'Grants signed with eddsa-rdfc-2022, permit, outcome and presentations with eddsa-jcs-2022; verifiers accept both.',
    spec: `${V} §5.1, §6`,
    tweaks: { suiteFor: (kind) => (kind === 'grant' ? 'eddsa-rdfc-2022' : undefined) },
    expected: valid,
  },
  {
    id: 'valid-witnessed',
    description: 'The checkpoint carries tlog-cosignature/v1 cosignatures of three trusted witnesses and the trust file requires all three (one witness key has `+` in its base64).',
    spec: `${V} §13.4, §13.7`,
    tweaks: { witnesses: { cosign: 3, trusted: 3, threshold: 3 } },
    expected: valid,
  },
  {
    id: 'valid-grant-expired-after-execution',
    description: 'The leaf grant expired one hour after the execution; validity is judged at the execution time, so the bundle stays valid.',
    spec: `${V} §3.1, §8.1`,
    tweaks: { grant: onGrant(2, (g) => { g.validUntil = addSeconds(T, 3600); }) },
    expected: valid,
  },
  {
    id: 'valid-revoked-after-execution',
    description: 'The middle grant was revoked a month after the execution; the list in effect at the execution time has its bit clear.',
    spec: `${V} §9.1`,
    tweaks: {
      statusLists: [
        { validFrom: TIMES.statusListFrom, revoked: [] },
        { validFrom: '2025-07-01T00:00:00Z', revoked: [statusIndex(1)] },
      ],
    },
    expected: valid,
  },
  {
    id: 'valid-status-list-issuer-object',
    description: 'The governor’s status list writes its issuer as an object {id} (allowed for status lists by verification.md 6.1); nothing is revoked.',
    spec: `${V} §6.1, §9.1`,
    tweaks: { statusLists: [{ validFrom: TIMES.statusListFrom, revoked: [], issuerObject: true }] },
    expected: valid,
  },
  {
    id: 'valid-did-web-authority',
    description: 'The root grant is issued by a did:web authority whose DID document travels in the bundle.',
    spec: `${V} §4.1`,
    tweaks: { rootIssuer: 'webAuthority' },
    expected: valid,
  },
  {
    id: 'valid-cose-receipts',
    description: 'Every receipt travels as an RFC 9942 COSE Receipt, as `xprov export scitt` writes it (the log’s checkpoint in header -65537); the verifier reads each as the JSON receipt it stands for and verifies that.',
    spec: `${V} §2.6, §13`,
    tweaks: {
      bundle: (b, ctx) => {
        b.coseReceipts = b.receipts.map((r: Receipt) => toCose(r, b, ctx.log));
        b.receipts = [];
      },
    },
    expected: valid,
  },
  {
    id: 'valid-constructor-members',
    description: 'The permit’s limits carry members named "constructor" and "prototype", signed by the governor: ordinary JSON members, unlike "__proto__".',
    spec: `${V} §2.1`,
    tweaks: { permit: (p) => { p.credentialSubject.limits.constructor = { maxInvocations: 1 }; p.credentialSubject.limits.prototype = 'x'; } },
    expected: valid,
  },
  {
    id: 'valid-consistency-proof',
    description: 'The bundle also carries a later checkpoint of the same log (three entries on) and the RFC 9162 consistency proof from the receipts’ checkpoint to it.',
    spec: `${V} §13.8`,
    tweaks: { bundle: (b, ctx) => { laterCheckpoint(b, ctx.log, false); } },
    expected: valid,
  },
  {
    id: 'valid-denial',
    description: 'A denial bundle: the governor refused a 750.00 transfer over the root policy cap, signed and logged the refusal. Valid evidence of a refusal, not of an execution.',
    spec: `${V} §15`,
    tweaks: { denial: true, request: { parameters: { amount: '750.00', currency: 'EUR', payee: 'acct:ext/vendor-17' } } },
    expected: valid,
  },

  // ── invalid: structure, DIDs, suites, proofs ──────────────────────────────────────────
  {
    id: 'malformed-not-a-bundle',
    description: 'A single grant credential handed over instead of a bundle.',
    spec: `${V} §2.1`,
    tweaks: { bundle: (b) => b.grants[0] },
    expected: invalid('XP_MALFORMED'),
  },
  {
    id: 'malformed-proto-member-permit-limits',
    description: 'An own "__proto__" member ({"maxInvocations": 100}) was added to the signed, logged permit’s limits when the bundle was handed over. JSON.parse keeps it as a member, but parsers and canonicalizers disagree on it (a parsed copy drops it), so such a bundle is not plain JSON.',
    spec: `${V} §2.1`,
    tweaks: { bundle: (b) => { protoMember(b.permit.credentialSubject.limits); } },
    expected: invalid('XP_MALFORMED'),
  },
  {
    id: 'malformed-proto-member-signed-permit',
    description: 'An own "__proto__" member was added to the permit’s limits after the governor signed it and before it was logged and referenced: no verifier may check a copy without it.',
    spec: `${V} §2.1`,
    tweaks: { forge: (kind, c) => { if (kind === 'permit') protoMember(c.credentialSubject.limits); } },
    expected: invalid('XP_MALFORMED'),
  },
  {
    id: 'malformed-proto-member-request-parameters',
    description: 'An own "__proto__" member ({"amount": "5000.00"}) was added to the request presentation’s parameters.',
    spec: `${V} §2.1`,
    tweaks: { bundle: (b) => { protoMember(b.presentations.request.request.parameters, { amount: '5000.00' }); } },
    expected: invalid('XP_MALFORMED'),
  },
  {
    id: 'malformed-proto-member-proof',
    description: 'An own "__proto__" member was added to the root grant’s proof object.',
    spec: `${V} §2.1`,
    tweaks: { bundle: (b) => { protoMember(b.grants[0].proof, { cryptosuite: 'eddsa-jcs-2022' }); } },
    expected: invalid('XP_MALFORMED'),
  },
  {
    id: 'malformed-time-nanoseconds',
    description: 'The outcome’s completedAt has nine fractional digits; times carry at most millisecond precision, so that no verifier truncates a time past a bound.',
    spec: `${V} §0, §2.1`,
    tweaks: { bundle: (b) => { b.outcome.credentialSubject.completedAt = b.outcome.credentialSubject.completedAt.replace('Z', '.000000001Z'); } },
    expected: invalid('XP_MALFORMED'),
  },
  {
    id: 'malformed-time-february-30',
    description: 'The outcome’s completedAt is 2025-06-31, a day that does not exist (JavaScript’s Date.parse reads it as July 1; other parsers refuse it).',
    spec: `${V} §0, §2.1`,
    tweaks: { bundle: (b) => { b.outcome.credentialSubject.completedAt = b.outcome.credentialSubject.completedAt.replace('2025-06-01', '2025-06-31'); } },
    expected: invalid('XP_MALFORMED'),
  },
  {
    id: 'malformed-outcome-status',
    description: 'The outcome has a status outside succeeded|failed|aborted|violated; schema checks stop verification.',
    spec: `${V} §2.1`,
    tweaks: { outcome: (o) => { o.credentialSubject.status = 'partially-succeeded'; } },
    expected: invalid('XP_MALFORMED'),
  },
  {
    id: 'did-unresolved-web-authority',
    description: 'The root grant is issued by a trusted did:web authority but the bundle lacks its DID document and verification is offline.',
    spec: `${V} §4.1, §14.1`,
    tweaks: { rootIssuer: 'webAuthority', includeDidDocument: false },
    expected: inconclusive('XP_DID_UNRESOLVED'),
  },
  {
    id: 'cryptosuite-not-allowed',
    description: 'The root grant is signed with eddsa-rdfc-2022 but the trust file allows only eddsa-jcs-2022.',
    spec: `${V} §5.1`,
    tweaks: {
      suiteFor: (kind, i) => (kind === 'grant' && i === 0 ? 'eddsa-rdfc-2022' : undefined),
      trust: (t) => { t.allowedCryptosuites = ['eddsa-jcs-2022']; },
    },
    expected: invalid('XP_CRYPTOSUITE_UNSUPPORTED'),
  },
  {
    id: 'proof-invalid-permit-altered',
    description: 'The permit’s limits were raised after the governor signed it (maxInvocations 1 → 100); the altered permit is what was logged and executed.',
    spec: `${V} §6.1`,
    tweaks: { forge: (kind, c) => { if (kind === 'permit') c.credentialSubject.limits.maxInvocations = 100; } },
    expected: invalid('XP_PROOF_INVALID'),
  },
  {
    id: 'proof-invalid-not-issuer-key',
    description: 'The first delegation names agent-0 as issuer but is signed with agent-3’s key.',
    spec: `${V} §6.1`,
    tweaks: { grantSigner: (i, cast) => (i === 1 ? cast.agents[3] : undefined) },
    expected: invalid('XP_PROOF_INVALID'),
  },
  {
    id: 'presentation-wrong-challenge',
    description: 'The agent signed its request presentation with a stale challenge, not the one the permit records.',
    spec: `${V} §6.2`,
    tweaks: { requestChallenge: tokenFor('challenge/stale') },
    expected: invalid('XP_PRESENTATION_INVALID'),
  },
  {
    id: 'presentation-report-not-agents',
    description: 'The report presentation names the permitted agent as holder but is signed by the root agent’s key.',
    spec: `${V} §6.3`,
    tweaks: { reportSigner: (cast) => cast.agents[0]! },
    expected: invalid('XP_PRESENTATION_INVALID'),
  },

  // ── invalid: the chain of authority ───────────────────────────────────────────────────
  {
    id: 'chain-untrusted-root',
    description: 'A self-consistent chain whose root grant comes from an authority the trust file does not list.',
    spec: `${V} §7.1`,
    tweaks: { rootIssuer: 'rogueAuthority' },
    expected: invalid('XP_CHAIN_UNTRUSTED_ROOT'),
  },
  {
    id: 'chain-broken-wrong-issuer',
    description: 'The second delegation is issued (and validly signed) by agent-3, who is not the subject of its parent.',
    spec: `${V} §7.2`,
    tweaks: {
      grant: onGrant(2, (g, cast) => { g.issuer = cast.agents[3]!.did; }),
      grantSigner: (i, cast) => (i === 2 ? cast.agents[3] : undefined),
    },
    expected: invalid('XP_CHAIN_BROKEN'),
  },
  {
    id: 'chain-broken-root-has-parent',
    description: 'The first grant of the chain claims a parent that the bundle does not contain.',
    spec: `${V} §7.1`,
    tweaks: {
      grant: onGrant(0, (g) => { g.parent = { id: uuidFor('grant/missing'), digestMultibase: digestMultibase({ missing: true }) }; }),
    },
    expected: invalid('XP_CHAIN_BROKEN'),
  },
  {
    id: 'chain-digest-mismatch',
    description: 'The first delegation points at its parent by id but with the digest of a different version of it, signed by its real issuer.',
    spec: `${V} §7.3`,
    tweaks: {
      grant: onGrant(1, (g) => { g.parent.digestMultibase = digestMultibase({ id: g.parent.id, version: 'earlier' }); }),
    },
    expected: invalid('XP_CHAIN_DIGEST'),
  },
  {
    id: 'chain-escalation-actions',
    description: 'The first delegation adds the action payments:refund that the root grant does not give; signed by its real issuer.',
    spec: `${V} §7.4`,
    tweaks: { grant: onGrant(1, (g) => { g.credentialSubject.grant.actions.push('payments:refund'); }) },
    expected: invalid('XP_CHAIN_ESCALATION'),
  },
  {
    id: 'chain-escalation-resources',
    description: 'The second delegation widens resources from acct:ops/payroll* to acct:*; signed by its real issuer.',
    spec: `${V} §7.4`,
    tweaks: { grant: onGrant(2, (g) => { g.credentialSubject.grant.resources = ['acct:*']; }) },
    expected: invalid('XP_CHAIN_ESCALATION'),
  },
  {
    id: 'chain-escalation-validity',
    description: 'The first delegation is valid until mid-2026, beyond its parent’s end of 2025; signed by its real issuer.',
    spec: `${V} §7.4`,
    tweaks: { grant: onGrant(1, (g) => { g.validUntil = '2026-06-01T00:00:00Z'; }) },
    expected: invalid('XP_CHAIN_ESCALATION'),
  },
  {
    id: 'chain-depth-not-decreasing',
    description: 'The first delegation keeps the root’s maxDelegationDepth (3) instead of lowering it.',
    spec: `${V} §7.5`,
    tweaks: { grant: onGrant(1, (g) => { g.credentialSubject.grant.maxDelegationDepth = 3; }) },
    expected: invalid('XP_CHAIN_DEPTH'),
  },
  {
    id: 'chain-depth-zero-delegated',
    description: 'The root grant allows no delegation (maxDelegationDepth 0), yet its agent delegated it.',
    spec: `${V} §7.5`,
    tweaks: { delegations: 1, grant: onGrant(0, (g) => { g.credentialSubject.grant.maxDelegationDepth = 0; }) },
    expected: invalid('XP_CHAIN_DEPTH'),
  },

  // ── invalid: time and status ──────────────────────────────────────────────────────────
  {
    id: 'grant-not-yet-valid',
    description: 'The leaf grant becomes valid the day after the execution.',
    spec: `${V} §8.1`,
    tweaks: { grant: onGrant(2, (g) => { g.validFrom = '2025-06-02T00:00:00Z'; }) },
    expected: invalid('XP_NOT_YET_VALID'),
  },
  {
    id: 'grant-expired',
    description: 'The leaf grant expired an hour before the execution.',
    spec: `${V} §8.1`,
    tweaks: { grant: onGrant(2, (g) => { g.validUntil = addSeconds(T, -3600); }) },
    expected: invalid('XP_EXPIRED'),
  },
  {
    id: 'grant-revoked',
    description: 'The logged revocation list marks the first delegation revoked since January.',
    spec: `${V} §9.1`,
    tweaks: { statusLists: [{ validFrom: TIMES.statusListFrom, revoked: [statusIndex(1)] }] },
    expected: invalid('XP_REVOKED'),
  },
  {
    id: 'grant-revoked-before-execution',
    description: 'Two versions of the revocation list; the one in effect at the execution time (May) marks the first delegation revoked.',
    spec: `${V} §9.1`,
    tweaks: {
      statusLists: [
        { validFrom: TIMES.statusListFrom, revoked: [] },
        { validFrom: '2025-05-01T00:00:00Z', revoked: [statusIndex(1)] },
      ],
    },
    expected: invalid('XP_REVOKED'),
  },
  {
    id: 'grant-revoked-later-list-clears',
    description: 'The January list revokes the first delegation; a later version (May, before the execution) has the bit clear again. Revocation is monotonic: the grant stays revoked.',
    spec: `${V} §9.1`,
    tweaks: {
      statusLists: [
        { validFrom: TIMES.statusListFrom, revoked: [statusIndex(1)] },
        { validFrom: '2025-05-01T00:00:00Z', revoked: [] },
      ],
    },
    expected: invalid('XP_REVOKED'),
  },
  {
    id: 'status-list-forged-version-hides-revocation',
    description: 'The governor’s list revokes the first delegation; a second version of the list (same id, May, bit clear) was altered after signing. Proofs are judged per list object, not per id, so the forged version is no candidate and the grant is revoked.',
    spec: `${V} §6.1, §9.1`,
    tweaks: {
      statusLists: REVOKED_THEN_LATER,
      forge: (kind, c, i) => { if (kind === 'statusList' && i === 1) c.credentialSubject.encodedList = encodeStatusList([7]); },
    },
    expected: invalid('XP_PROOF_INVALID', 'XP_REVOKED'),
  },
  {
    id: 'status-list-unresolvable-version-hides-revocation',
    description: 'The governor’s list revokes the first delegation; a second version (same id, May, bit clear) names a proof key on did:web:evil.example, which cannot be resolved offline. It is not a candidate, so the revocation stands: invalid wins over inconclusive.',
    spec: `${V} §4.1, §9.1, §14.1`,
    tweaks: {
      statusLists: REVOKED_THEN_LATER,
      forge: (kind, c, i) => { if (kind === 'statusList' && i === 1) c.proof.verificationMethod = 'did:web:evil.example#key-1'; },
    },
    expected: invalid('XP_DID_UNRESOLVED', 'XP_REVOKED'),
  },
  {
    id: 'status-list-proof-without-verification-method',
    description: 'The status list’s proof has no verificationMethod (the status list schema is loose): its proof fails and no list is usable; every other proof is still checked.',
    spec: `${V} §6.1, §9.1`,
    tweaks: { forge: (kind, c) => { if (kind === 'statusList') delete c.proof.verificationMethod; } },
    expected: invalid('XP_PROOF_INVALID', 'XP_STATUS_UNKNOWN'),
  },
  {
    id: 'status-list-without-proof',
    description: 'The status list carries no proof at all, nor a receipt (the status list schema allows that for other issuers’ lists): it decides nothing, and that is a proof failure, not a cryptosuite one.',
    spec: `${V} §6.1, §9.1`,
    tweaks: {
      bundle: (b) => {
        delete b.statusLists[0].proof;
        b.receipts = b.receipts.filter((r: Receipt) => r.credentialId !== STATUS_LIST_URL); // a log holds signed credentials only
      },
    },
    expected: invalid('XP_PROOF_INVALID', 'XP_STATUS_UNKNOWN'),
  },
  {
    id: 'status-index-beyond-list-2-32',
    description: 'The first delegation’s statusListIndex is 4294967296 (2^32, ten digits as the schema allows), far beyond the 131,072-entry list: its status is unknown (a 32-bit index would wrap to bit 0).',
    spec: `${V} §9.1`,
    tweaks: { grant: onGrant(1, (g) => { g.credentialStatus.statusListIndex = '4294967296'; }) },
    expected: inconclusive('XP_STATUS_UNKNOWN'),
  },
  {
    id: 'status-list-suspension-purpose',
    description: 'The only list the grants point to is a suspension list (statusPurpose "suspension"), signed and logged by the governor; it says nothing about revocation.',
    spec: `${V} §9.1`,
    tweaks: { statusLists: [{ validFrom: TIMES.statusListFrom, revoked: [], purpose: 'suspension' }] },
    expected: inconclusive('XP_STATUS_UNKNOWN'),
  },
  {
    id: 'status-list-by-delegating-agent',
    description: 'The governor’s only list (July, after the execution) revokes the first delegation; agent-0, who issued that delegation, signed and logged a May version with the bit clear. Only trusted governors (or a root grant’s trusted authority) issue lists that count, so the status at the execution time is unknown.',
    spec: `${V} §9.1`,
    tweaks: {
      statusLists: [
        { validFrom: '2025-05-01T00:00:00Z', revoked: [], signer: (cast) => cast.agents[0]! },
        { validFrom: '2025-07-01T00:00:00Z', revoked: [statusIndex(1)] },
      ],
    },
    expected: inconclusive('XP_STATUS_UNKNOWN'),
  },
  {
    id: 'status-list-not-logged',
    description: 'The governor’s status list is carried and signed but has no receipt: an unlogged list decides nothing.',
    spec: `${V} §9.1, §13`,
    tweaks: { receipts: (rs) => rs.filter((r) => r.credentialId !== STATUS_LIST_URL) },
    expected: inconclusive('XP_STATUS_UNKNOWN'),
  },
  {
    id: 'status-list-missing',
    description: 'The grants name a revocation list that the bundle does not carry.',
    spec: `${V} §9.1, §14.1`,
    tweaks: { statusLists: [] },
    expected: inconclusive('XP_STATUS_UNKNOWN'),
  },
  {
    id: 'status-list-only-later-revoked',
    description: 'Only a list published after the execution is carried, and it marks the first delegation revoked: whether it was revoked at the execution time is unknown.',
    spec: `${V} §9.1`,
    tweaks: { statusLists: [{ validFrom: '2025-07-01T00:00:00Z', revoked: [statusIndex(1)] }] },
    expected: inconclusive('XP_STATUS_UNKNOWN'),
  },

  // ── invalid: permit and policies ──────────────────────────────────────────────────────
  {
    id: 'permit-untrusted-governor',
    description: 'Permit and outcome are issued and signed by a governor the trust file does not list.',
    spec: `${V} §10.1, §12.2`,
    tweaks: { governor: 'rogueGovernor' },
    expected: invalid('XP_PERMIT_UNTRUSTED'),
  },
  {
    id: 'permit-chain-mismatch',
    description: 'The real governor signed a permit whose authorization lists only the root grant, not the chain in the bundle.',
    spec: `${V} §10.2`,
    tweaks: { permit: (p) => { p.credentialSubject.authorization.splice(1); } },
    expected: invalid('XP_PERMIT_CHAIN_MISMATCH'),
  },
  {
    id: 'permit-scope-action',
    description: 'A permit for payments:read, which the root policy allows but the leaf grant (transfers only) does not give.',
    spec: `${V} §10.3`,
    tweaks: { request: { action: 'payments:read' } },
    expected: invalid('XP_PERMIT_SCOPE'),
  },
  {
    id: 'policy-digest-mismatch',
    description: 'The root grant’s policy source was changed to a 5000.00 cap while its digest still names the 500.00 policy; signed by the authority.',
    spec: `${V} §11.1`,
    tweaks: {
      grant: onGrant(0, (g) => { g.credentialSubject.grant.policy.source = ROOT_POLICY.replace('"500.00"', '"5000.00"'); }),
      evaluation: (e) => { e.policies[0].digestMultibase = policyDigest(ROOT_POLICY); },
    },
    expected: invalid('XP_POLICY_DIGEST'),
  },
  {
    id: 'policy-source-unparseable',
    description: 'The root grant’s policy source is not a Cedar policy set (its digest still names the 500.00 policy); signed by the authority. No digest can match a source that does not parse (policy.md XP_POLICY_SYNTAX, reported as XP_POLICY_DIGEST).',
    spec: `${V} §11.1`,
    tweaks: {
      grant: onGrant(0, (g) => { g.credentialSubject.grant.policy.source = 'permit (principal, action, resource) when {'; }),
      evaluation: (e) => {
        forceAllow(['ops-transfer-cap', 'business-hours', 'payroll-eur'])(e);
        e.policies[0].digestMultibase = policyDigest(ROOT_POLICY);
      },
    },
    expected: invalid('XP_POLICY_DIGEST'),
  },
  {
    id: 'policy-denied-root-cap',
    description: 'A 750.00 transfer over the root policy’s 500.00 cap; the real governor nevertheless signed a permit claiming every policy allowed.',
    spec: `${V} §11.2`,
    tweaks: {
      request: { parameters: { amount: '750.00', currency: 'EUR', payee: 'acct:ext/vendor-17' } },
      evaluation: forceAllow(['ops-transfer-cap', 'business-hours', 'payroll-eur']),
    },
    expected: invalid('XP_POLICY_DENIED'),
  },
  {
    id: 'policy-denied-delegated',
    description: 'A USD transfer: the root and first-delegation policies permit, the second delegation’s EUR-only policy denies; all must permit.',
    spec: `${V} §11.2`,
    tweaks: {
      request: { parameters: { amount: '120.00', currency: 'USD', payee: 'acct:ext/vendor-17' } },
      evaluation: forceAllow(['ops-transfer-cap', 'business-hours', 'payroll-eur']),
    },
    expected: invalid('XP_POLICY_DENIED'),
  },

  // ── invalid: outcome ──────────────────────────────────────────────────────────────────
  {
    id: 'outcome-permit-mismatch',
    description: 'The agent reported on, and the governor’s outcome references, the permit’s id with the digest of another permit.',
    spec: `${V} §12.1`,
    tweaks: { report: (r) => { r.report.permit.digestMultibase = digestMultibase({ otherPermit: true }); } },
    expected: invalid('XP_OUTCOME_PERMIT_MISMATCH'),
  },
  {
    id: 'outcome-other-governor',
    description: 'A second governor, also trusted, signed the outcome of an execution the first governor permitted; only the permit’s governor records its outcome.',
    spec: `${V} §12.1`,
    tweaks: { outcomeGovernor: 'rogueGovernor', trust: (t, cast) => { t.governors.push(cast.rogueGovernor.did); } },
    expected: invalid('XP_OUTCOME_PERMIT_MISMATCH'),
  },
  {
    id: 'outcome-scope',
    description: 'The outcome records a different resource (the July payroll account) than the permit allowed.',
    spec: `${V} §12.2`,
    tweaks: { outcome: (o) => { o.credentialSubject.resource = 'acct:ops/payroll/2025-07'; } },
    expected: invalid('XP_OUTCOME_SCOPE'),
  },
  {
    id: 'outcome-outside-window',
    description: 'The agent started ten minutes after the evaluation, long after the 60-second permit expired.',
    spec: `${V} §12.3`,
    tweaks: {
      report: (r) => {
        r.report.startedAt = addSeconds(T, 600);
        r.report.completedAt = addSeconds(T, 610);
      },
    },
    expected: invalid('XP_OUTCOME_OUTSIDE_WINDOW'),
  },
  {
    id: 'outcome-violation',
    description: 'Runtime enforcement recorded a violation (a second invocation); the outcome says violated.',
    spec: `${V} §12.4`,
    tweaks: {
      report: (r) => {
        r.report.status = 'violated';
        r.report.enforcement.violations = [{ at: addSeconds(T, 8), type: 'limit-exceeded', limit: 'maxInvocations', used: 2 }];
      },
    },
    expected: invalid('XP_OUTCOME_VIOLATION'),
  },

  // ── invalid: log ──────────────────────────────────────────────────────────────────────
  {
    id: 'log-missing-receipt',
    description: 'The outcome has no receipt.',
    spec: `${V} §13.1`,
    tweaks: { receipts: (rs) => rs.filter((r) => r.credentialId !== uuidFor('outcome')) },
    expected: invalid('XP_LOG_MISSING'),
  },
  {
    id: 'log-untrusted',
    description: 'Everything is logged, with valid receipts, in a log the trust file does not list.',
    spec: `${V} §13.2`,
    tweaks: { untrustedLog: true },
    expected: invalid('XP_LOG_UNTRUSTED'),
  },
  {
    id: 'log-checkpoint-wrong-key',
    description: 'The checkpoint names the trusted log’s origin but is signed with another key.',
    spec: `${V} §13.3`,
    tweaks: { forgeCheckpointKey: true },
    expected: invalid('XP_LOG_CHECKPOINT_SIGNATURE'),
  },
  {
    id: 'log-too-few-witnesses',
    description: 'One trusted witness cosigned the checkpoint; the trust file requires two.',
    spec: `${V} §13.4`,
    tweaks: { witnesses: { cosign: 1, trusted: 3, threshold: 2 } },
    expected: invalid('XP_LOG_WITNESS'),
  },
  {
    id: 'log-checkpoint-signature-noncanonical',
    description: 'The log’s signature line in the checkpoint is re-spelt with non-zero unused trailing bits in its final base64 character: the same bytes, a second spelling. Signed notes have one spelling.',
    spec: `${V} §13.3`,
    tweaks: { receipts: (rs) => rs.map((r) => ({ ...r, checkpoint: respellSignature(r.checkpoint) })) },
    expected: invalid('XP_LOG_CHECKPOINT_SIGNATURE'),
  },
  {
    id: 'log-inclusion-proof-broken',
    description: 'One node of the permit’s inclusion proof is replaced; it no longer reaches the checkpoint’s root.',
    spec: `${V} §13.6`,
    tweaks: {
      receipts: (rs) =>
        rs.map((r) => (r.credentialId === uuidFor('permit') ? { ...r, inclusionProof: [bogusHash(), ...r.inclusionProof.slice(1)] } : r)),
    },
    expected: invalid('XP_LOG_INCLUSION'),
  },
  {
    id: 'log-inclusion-cose-receipt-tampered',
    description: 'The permit’s receipt is a COSE Receipt with one node of its inclusion path replaced; converted, its proof no longer reaches the checkpoint’s root.',
    spec: `${V} §2.6, §13.6`,
    tweaks: {
      bundle: (b, ctx) => {
        const permit = b.receipts.find((r: Receipt) => r.credentialId === uuidFor('permit'));
        b.receipts = b.receipts.filter((r: Receipt) => r !== permit);
        b.coseReceipts = [toCose(permit, b, ctx.log, true)];
      },
    },
    expected: invalid('XP_LOG_INCLUSION'),
  },
  {
    id: 'malformed-cose-receipt',
    description: 'The outcome’s receipt is given in the COSE form but its bytes are not CBOR.',
    spec: `${V} §2.6`,
    tweaks: {
      bundle: (b) => {
        b.receipts = b.receipts.filter((r: Receipt) => r.credentialId !== uuidFor('outcome'));
        b.coseReceipts = [{ credentialId: uuidFor('outcome'), cose: 'QUJD' }];
      },
    },
    expected: invalid('XP_MALFORMED'),
  },
  {
    id: 'malformed-receipt-version-unnamed',
    description: 'Two versions of the status list share their id; the receipt for the later one carries no logged entry, so which version it belongs to is unknown (the January version, clear, still decides).',
    spec: `${V} §2.5`,
    tweaks: {
      statusLists: [
        { validFrom: TIMES.statusListFrom, revoked: [] },
        { validFrom: '2025-07-01T00:00:00Z', revoked: [statusIndex(1)] },
      ],
      receipts: (rs) => {
        const i = rs.map((r) => r.credentialId).lastIndexOf(STATUS_LIST_URL);
        return rs.map((r, j) => {
          if (j !== i) return r;
          const { entry: _entry, ...rest } = r;
          return rest;
        });
      },
    },
    expected: invalid('XP_MALFORMED'),
  },
  {
    id: 'log-entry-mismatch',
    description: 'The log holds, under the permit’s id, an entry with another digest; the receipt carries that entry and a correct inclusion proof for it.',
    spec: `${V} §13.5`,
    tweaks: {
      logEntry: (label, e) => {
        if (label !== 'permit') return false;
        e.digestMultibase = digestMultibase({ otherPermit: true });
        return true;
      },
    },
    expected: invalid('XP_LOG_ENTRY_MISMATCH'),
  },
  {
    id: 'log-order-outcome-before-permit',
    description: 'The log sequenced the outcome before the permit it reports on.',
    spec: `${V} §13.7`,
    tweaks: { logOrder: (labels) => swap(labels, 'permit', 'outcome') },
    expected: invalid('XP_LOG_ORDER'),
  },
  {
    id: 'log-witnessed-before-execution',
    description: 'The witnesses cosigned the checkpoint holding the permit an hour before the permit’s evaluation time.',
    spec: `${V} §13.7`,
    tweaks: { witnesses: { cosign: 2, trusted: 2, threshold: 2 }, witnessTime: Date.parse(T) / 1000 - 3600 },
    expected: invalid('XP_LOG_ORDER'),
  },
  {
    id: 'log-inconsistent-proof',
    description: 'The bundle carries a later checkpoint of the same log and a consistency proof to it with one node replaced: the two checkpoints are not shown to be consistent.',
    spec: `${V} §13.8`,
    tweaks: { bundle: (b, ctx) => { laterCheckpoint(b, ctx.log, true); } },
    expected: invalid('XP_LOG_INCONSISTENT'),
  },
  {
    id: 'log-inconsistent-split-view',
    description: 'The bundle also carries a checkpoint of the same size signed by the same log key with a different root: a split view.',
    spec: `${V} §13.8`,
    tweaks: { bundle: (b, ctx) => { b.checkpoints = [forkCheckpoint(ctx.log)]; } },
    expected: invalid('XP_LOG_INCONSISTENT'),
  },
];

/** Adds an own, enumerable `__proto__` member (as JSON.parse does for `"__proto__": …`). */
function protoMember(target: Draft, value: Draft = { maxInvocations: 100 }): void {
  Object.defineProperty(target, '__proto__', { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The first signature line of a signed note with its final base64 character's unused bits set:
 * base64 of 68 bytes ends in one `=`, so the last character carries 2 unused bits.
 */
function respellSignature(note: string): string {
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const at = note.indexOf('=\n', note.indexOf('\n\n\u2014 '));
  const c = B64.indexOf(note[at - 1]!);
  return note.slice(0, at - 1) + B64[c | 0b11]! + note.slice(at);
}

/**
 * A receipt in the COSE form (spec/log-entry.md §4), made by @xprov/interop as `xprov export scitt`
 * makes it; `tamper` replaces the first node of its inclusion path inside the COSE bytes.
 */
function toCose(r: Receipt, b: Draft, log: VectorLog, tamper = false): Draft {
  const all: Draft[] = [...b.grants, b.permit, b.outcome, b.denial, ...b.statusLists].filter(Boolean);
  const credential = all.find((c) => c.id === r.credentialId);
  const bytes = Buffer.from(coseReceiptFromJson(r, credential, log.key));
  if (tamper) {
    const node = Buffer.from(r.inclusionProof[0]!, 'base64');
    const at = bytes.indexOf(node);
    if (at < 0) throw new Error('inclusion node not found in the COSE receipt');
    Buffer.from(bogusHash(), 'base64').copy(bytes, at);
  }
  return { credentialId: r.credentialId, cose: bytes.toString('base64'), ...(r.entry ? { entry: r.entry } : {}) };
}

/** A `grant` tweak that edits grant `n` only. */
function onGrant(n: number, edit: (g: Draft, cast: Cast) => void): NonNullable<Tweaks['grant']> {
  return (i, g, cast) => {
    if (i === n) edit(g, cast);
  };
}

function swap(labels: string[], a: string, b: string): string[] {
  return labels.map((l) => (l === a ? b : l === b ? a : l));
}

/** The governor's evaluation rewritten to claim that every policy allowed (a governor bug). */
function forceAllow(reasons: string[]): (e: Draft) => void {
  return (e) => {
    e.policies.forEach((p: Draft, i: number) => {
      p.decision = 'allow';
      p.reasons = [reasons[i] ?? 'policy0'];
    });
  };
}

/**
 * Appends three entries to the log, then puts its new checkpoint and the consistency proof from
 * the receipts' size into the bundle (spec/bundle.md rule 10); `tamper` replaces the proof's first node.
 */
function laterCheckpoint(b: Draft, log: VectorLog, tamper: boolean): void {
  const from = log.tree.size;
  for (let i = 0; i < 3; i++) log.appendBytes(new TextEncoder().encode(`{"later":${i}}`));
  const proof = log.consistencyProof(from);
  if (tamper) proof[0] = bogusHash();
  b.checkpoints = [log.checkpoint()];
  b.consistencyProofs = [{ origin: log.origin, fromSize: from, toSize: log.tree.size, proof }];
}

/** A checkpoint of the log's size whose last entry differs, signed with the log's own key. */
function forkCheckpoint(log: VectorLog): string {
  const fork = new VectorLog(log.origin, log.key);
  const n = log.tree.size;
  for (let i = 0; i < n - 1; i++) fork.tree.appendLeafHash(log.tree.leafHash(i));
  fork.appendBytes(new TextEncoder().encode('{"forked":true}'));
  return fork.checkpoint();
}
