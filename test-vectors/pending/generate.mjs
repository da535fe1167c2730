// Pending vectors (red-team findings the verifier does not pass yet). Not run by the test suite.
// Regenerate: pnpm --filter @xprov/test-vectors build && node test-vectors/pending/generate.mjs
// Once @xprov/verifier passes one, move its case into src/cases.ts (same tweaks) and delete the file here.
import { writeFileSync } from 'node:fs';
import { signCredential } from '@xprov/crypto';
import { makeCast } from '../dist/actors.js';
import { TIMES } from '../dist/determinism.js';
import { buildScenario, STATUS_LIST_URL, statusIndex } from '../dist/scenario.js';
import { encodeStatusList } from '../dist/status-list.js';
import { serializeVector } from '../dist/vector.js';

const V = 'verification.md';
const onGrant = (n, edit) => (i, g) => { if (i === n) edit(g); };
const revokedThenLater = [
  { validFrom: TIMES.statusListFrom, revoked: [statusIndex(1)] },
  { validFrom: '2025-05-01T00:00:00Z', revoked: [] },
];

export const PENDING = [
  {
    id: 'proof-invalid-proto-member-smuggled',
    description: 'After the governor signed the permit, an own "__proto__" member ({"maxInvocations": 100}) was added to its limits; the altered permit is the one referenced and logged downstream. JSON.parse keeps it as a member, so the permit no longer matches its proof.',
    spec: `${V} §0, §6.1`,
    tweaks: {
      forge: (kind, c) => {
        if (kind === 'permit') Object.defineProperty(c.credentialSubject.limits, '__proto__', { value: { maxInvocations: 100 }, enumerable: true, writable: true, configurable: true });
      },
    },
    expected: { verdict: 'invalid', codes: ['XP_PROOF_INVALID'] },
  },
  {
    id: 'proto-member-added-after-logging',
    description: 'An own "__proto__" member ({"maxInvocations": 100}) was added to the signed, logged permit’s limits when the bundle was handed over. The permit as given no longer matches its proof, the outcome’s reference or its log entry.',
    spec: `${V} §0, §6.1, §12.1, §13.6`,
    tweaks: {
      bundle: (b) => {
        Object.defineProperty(b.permit.credentialSubject.limits, '__proto__', { value: { maxInvocations: 100 }, enumerable: true, writable: true, configurable: true });
      },
    },
    expected: { verdict: 'invalid', codes: ['XP_LOG_INCLUSION', 'XP_OUTCOME_PERMIT_MISMATCH', 'XP_PROOF_INVALID'] },
  },
  {
    id: 'status-index-beyond-list-2-32',
    description: 'The first delegation’s statusListIndex is 4294967296 (2^32, ten digits as the schema allows), far beyond the 131,072-entry list: its status is unknown.',
    spec: `${V} §9.1`,
    tweaks: { grant: onGrant(1, (g) => { g.credentialStatus.statusListIndex = '4294967296'; }) },
    expected: { verdict: 'inconclusive', codes: ['XP_STATUS_UNKNOWN'] },
  },
  {
    id: 'status-list-forged-version-hides-revocation',
    description: 'The governor’s list revokes the first delegation; a second version of the list (same id, May, bit clear) was altered after signing. Only lists whose proof verifies are candidates, so the genuine list is in effect and the grant is revoked.',
    spec: `${V} §6.1, §9.1`,
    tweaks: {
      statusLists: revokedThenLater,
      forge: (kind, c, i) => { if (kind === 'statusList' && i === 1) c.credentialSubject.encodedList = encodeStatusList([7]); },
    },
    expected: { verdict: 'invalid', codes: ['XP_PROOF_INVALID', 'XP_REVOKED'] },
  },
  {
    id: 'status-list-unresolvable-version-hides-revocation',
    description: 'The governor’s list revokes the first delegation; a second version (same id, May, bit clear) names a proof key on did:web:evil.example, which cannot be resolved offline. It is not a candidate, so the revocation stands: invalid wins over inconclusive.',
    spec: `${V} §4.1, §9.1, §14.1`,
    tweaks: {
      statusLists: revokedThenLater,
      forge: (kind, c, i) => { if (kind === 'statusList' && i === 1) c.proof.verificationMethod = 'did:web:evil.example#key-1'; },
    },
    expected: { verdict: 'invalid', codes: ['XP_DID_UNRESOLVED', 'XP_REVOKED'] },
  },
  {
    id: 'status-list-proof-without-verification-method',
    description: 'The status list’s proof has no verificationMethod (the status list schema is loose): its proof fails and no list is usable; every other proof must still be checked.',
    spec: `${V} §6.1, §9.1, §0 (XP_INTERNAL only for verifier failures)`,
    tweaks: { forge: (kind, c) => { if (kind === 'statusList') delete c.proof.verificationMethod; } },
    expected: { verdict: 'invalid', codes: ['XP_PROOF_INVALID', 'XP_STATUS_UNKNOWN'] },
  },
  {
    id: 'valid-status-list-issuer-object',
    description: 'The governor’s status list writes its issuer as an object {id} (allowed for status lists by verification.md 6.1); nothing is revoked.',
    spec: `${V} §6.1, §9.1`,
    tweaks: {},
    post: async (b) => {
      const { governor } = makeCast();
      const { proof, ...list } = b.statusLists[0];
      const signed = await signCredential({ ...list, issuer: { id: governor.did } }, { keyPair: governor.keyPair, suite: 'eddsa-jcs-2022', created: TIMES.statusListFrom, verificationMethod: governor.verificationMethod });
      b.statusLists = [signed];
      b.receipts = b.receipts.filter((r) => r.credentialId !== STATUS_LIST_URL); // status list receipts are optional (§13)
    },
    expected: { verdict: 'valid', codes: [] },
  },
];

const dir = new URL('.', import.meta.url);
for (const c of PENDING) {
  const { bundle, trust } = await buildScenario(c.tweaks);
  if (c.post) await c.post(bundle, trust);
  const v = { id: c.id, description: c.description, spec: c.spec, bundle, trust, expected: c.expected };
  writeFileSync(new URL(`${c.id}.json`, dir), serializeVector(v));
}
console.log(`${PENDING.length} pending vectors written`);
