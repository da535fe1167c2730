import { describe, expect, it } from 'vitest';
import {
  DateTime,
  buildLogEntry,
  parseBundle,
  parseDenial,
  parseGrant,
  parseLogEntry,
  parseOutcome,
  parsePermit,
  parseReceipt,
  parseReportPresentation,
  parseRequestPresentation,
  parseTrustFile,
  type XprovError,
} from '../src/index.js';
import { AUTHORITY, CHECKPOINT, GOVERNOR, makeExecution } from './fixtures.js';
import { codeOf, type Doc, mutate } from './helpers.js';

const x = makeExecution();
const HASH = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const receipt = {
  credentialId: x.permit.id,
  origin: 'example.com/log',
  index: 2,
  treeSize: 3,
  inclusionProof: [HASH, HASH],
  checkpoint: CHECKPOINT,
};
const VKEY = 'example.com/log+3a1b2c3d+AeQ7ZfFk3bqwXcm1c0ZkWUpLz2yQ9lP7Nw5m2kF7Lx0k';
const trust = {
  version: 1,
  authorities: [AUTHORITY],
  governors: [GOVERNOR],
  logs: [{ origin: 'example.com/log', vkey: VKEY }],
  witnesses: { keys: [VKEY], threshold: 1 },
  allowedCryptosuites: ['eddsa-jcs-2022', 'eddsa-rdfc-2022'],
  maxClockSkewSeconds: 60,
};
const bundle = {
  type: 'ProvenanceBundle',
  version: 1,
  grants: [x.root, x.delegation],
  permit: x.permit,
  outcome: x.outcome,
  presentations: { request: x.request, report: x.report },
  receipts: [receipt],
  statusLists: [
    {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://authority.example.com/status/1',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: AUTHORITY,
      validFrom: '2024-01-01T00:00:00Z',
      credentialSubject: {
        id: 'https://authority.example.com/status/1#list',
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA',
      },
    },
  ],
  didDocuments: { [GOVERNOR]: { id: GOVERNOR } },
};

type Parser = (input: unknown) => unknown;
const cases: [string, Parser, unknown, [string, (c: Doc) => void][]][] = [
  [
    'grant',
    parseGrant,
    x.root,
    [
      ['unknown field', (c) => (c.extra = 1)],
      ['missing proof', (c) => delete c.proof],
      ['wrong context order', (c) => c['@context'].reverse()],
      ['wrong type', (c) => (c.type = ['VerifiableCredential', 'ExecutionPermitCredential'])],
      ['empty actions', (c) => (c.credentialSubject.grant.actions = [])],
      ['wildcard in the middle', (c) => (c.credentialSubject.grant.resources = ['a*b'])],
      ['negative depth', (c) => (c.credentialSubject.grant.maxDelegationDepth = -1)],
      ['validUntil before validFrom', (c) => (c.validUntil = '2023-01-01T00:00:00Z')],
      ['date without offset', (c) => (c.validFrom = '2024-01-01T00:00:00')],
      ['non-uuid id', (c) => (c.id = 'https://example.com/1')],
      ['issuer not a DID', (c) => (c.issuer = 'https://example.com')],
      ['status purpose suspension', (c) => (c.credentialStatus.statusPurpose = 'suspension')],
      ['policy language', (c) => (c.credentialSubject.grant.policy.language = 'rego')],
      ['bad policy digest', (c) => (c.credentialSubject.grant.policy.digestMultibase = 'zabc')],
      ['unsupported cryptosuite', (c) => (c.proof.cryptosuite = 'ecdsa-rdfc-2019')],
      ['proof purpose', (c) => (c.proof.proofPurpose = 'authentication')],
    ],
  ],
  ['delegation', parseGrant, x.delegation, [['bad parent digest', (c) => (c.parent.digestMultibase = 'z123')]]],
  [
    'permit',
    parsePermit,
    x.permit,
    [
      ['empty authorization', (c) => (c.credentialSubject.authorization = [])],
      ['a denying policy', (c) => (c.credentialSubject.evaluation.policies[0].decision = 'deny')],
      ['wildcard request resource', (c) => (c.credentialSubject.request.resource = 'https://x/*')],
      ['missing limits', (c) => delete c.credentialSubject.limits],
      ['missing validUntil', (c) => delete c.validUntil],
    ],
  ],
  [
    'denial',
    parseDenial,
    x.denial,
    [
      ['no failures', (c) => (c.credentialSubject.failures = [])],
      ['allow decision', (c) => (c.credentialSubject.decision = 'allow')],
      ['bad code', (c) => (c.credentialSubject.failures[0].code = 'denied')],
    ],
  ],
  [
    'outcome',
    parseOutcome,
    x.outcome,
    [
      ['unknown status', (c) => (c.credentialSubject.status = 'ok')],
      ['violation without violated status', (c) => c.credentialSubject.enforcement.violations.push({ k: 1 })],
      ['violated without violations', (c) => (c.credentialSubject.status = 'violated')],
      ['completed before started', (c) => (c.credentialSubject.completedAt = '2024-06-01T11:00:00Z')],
      ['subject id not a uuid', (c) => (c.credentialSubject.id = 'exec-1')],
    ],
  ],
  [
    'request presentation',
    parseRequestPresentation,
    x.request,
    [
      ['parameters changed after digest', (c) => (c.request.parameters.amount = '999')],
      ['no grants', (c) => (c.verifiableCredential = [])],
      ['assertion proof', (c) => (c.proof.proofPurpose = 'assertionMethod')],
      ['no challenge', (c) => delete c.proof.challenge],
      ['holder not a DID', (c) => (c.holder = 'agent')],
    ],
  ],
  [
    'report presentation',
    parseReportPresentation,
    x.report,
    [
      ['missing permit ref', (c) => delete c.report.permit],
      ['bad status', (c) => (c.report.status = 'done')],
    ],
  ],
  [
    'receipt',
    parseReceipt,
    receipt,
    [
      ['index beyond tree', (c) => (c.index = 3)],
      ['bad hash', (c) => (c.inclusionProof = ['abc'])],
      ['checkpoint not a signed note', (c) => (c.checkpoint = 'example.com/log\n3\n')],
      ['negative index', (c) => (c.index = -1)],
      ['entry not base64', (c) => (c.entry = 'not base64!')],
      ['entry with non-zero trailing bits', (c) => (c.entry = 'QR==')],
      ['entry empty', (c) => (c.entry = '')],
    ],
  ],
  [
    'trust file',
    parseTrustFile,
    trust,
    [
      ['threshold above keys', (c) => (c.witnesses.threshold = 2)],
      ['bad vkey', (c) => (c.logs[0].vkey = 'example.com/log+zz+key')],
      ['no cryptosuites', (c) => (c.allowedCryptosuites = [])],
      ['unknown cryptosuite', (c) => (c.allowedCryptosuites = ['rsa'])],
      ['version 2', (c) => (c.version = 2)],
      ['negative skew', (c) => (c.maxClockSkewSeconds = -1)],
      ['authority not a DID', (c) => (c.authorities = ['alice'])],
    ],
  ],
  [
    'bundle',
    parseBundle,
    bundle,
    [
      ['permit and denial', (c) => (c.denial = x.denial)],
      ['neither permit nor denial', (c) => delete c.permit],
      ['no grants', (c) => (c.grants = [])],
      ['malformed grant inside', (c) => (c.grants[0].credentialSubject.grant.actions = [])],
      ['wrong version', (c) => (c.version = 2)],
      ['nanosecond time', (c) => (c.permit.validFrom = '2024-06-01T12:00:00.000000001Z')],
      ['February 30', (c) => (c.outcome.credentialSubject.completedAt = '2024-02-30T12:00:00Z')],
      ['hour 24', (c) => (c.outcome.credentialSubject.completedAt = '2024-06-01T24:00:00Z')],
      ['leap second', (c) => (c.outcome.credentialSubject.completedAt = '2024-06-30T23:59:60Z')],
      ['offset hour 24', (c) => (c.outcome.credentialSubject.completedAt = '2024-06-01T12:00:00+24:00')],
      ['COSE receipt not canonical base64', (c) => (c.coseReceipts = [{ credentialId: x.permit.id, cose: 'QR==' }])],
      ['COSE receipt with JSON members', (c) => (c.coseReceipts = [{ ...receipt, cose: 'QQ==' }])],
      ['COSE receipt among JSON receipts', (c) => c.receipts.push({ credentialId: x.permit.id, cose: 'QQ==' })],
      ['consistency proof from ≥ to', (c) => (c.consistencyProofs = [{ origin: 'example.com/log', fromSize: 3, toSize: 3, proof: [] }])],
      ['consistency proof with unknown member', (c) => (c.consistencyProofs = [{ origin: 'example.com/log', fromSize: 2, toSize: 3, proof: [], x: 1 }])],
      ['DID document filed under another DID', (c) => (c.didDocuments[GOVERNOR].id = AUTHORITY)],
      ['not an object', (c) => (c.grants = 'x')],
    ],
  ],
];

describe.each(cases)('%s schema', (_name, parse, good, bad) => {
  it('accepts the good example unchanged', () => {
    expect(parse(good)).toEqual(good);
  });
  it.each(bad)('rejects %s with XP_MALFORMED', (_what, change) => {
    expect(codeOf(() => parse(mutate(good, change)))).toBe('XP_MALFORMED');
  });
});

describe('DateTime (spec/verification.md §0)', () => {
  it('refuses calendar and clock values Date.parse would roll over', () => {
    for (const s of ['2024-02-30T12:00:00Z', '2023-02-29T00:00:00Z', '2024-04-31T00:00:00Z', '2024-06-01T24:00:00Z', '2024-06-01T12:60:00Z', '2024-06-30T23:59:60Z', '2024-06-01T12:00:00+24:00', '2024-06-01T12:00:00.0001Z']) {
      expect(DateTime.safeParse(s).success, s).toBe(false);
    }
  });
  it('accepts leap days, offsets and milliseconds', () => {
    for (const s of ['2024-02-29T00:00:00Z', '2000-02-29T23:59:59+01:00', '2024-06-01T12:00:00.123-05:30']) expect(DateTime.safeParse(s).success, s).toBe(true);
  });
});

describe('receipt and bundle extensions (spec/bundle.md rules 5, 10)', () => {
  it('a receipt may carry the logged entry (canonical base64)', () => {
    const r = { ...receipt, entry: 'QQ==' };
    expect(parseReceipt(r)).toEqual(r);
  });
  it('a bundle may carry COSE receipts and consistency proofs', () => {
    const b = {
      ...bundle,
      coseReceipts: [{ credentialId: x.outcome.id, cose: 'QUJD' }],
      consistencyProofs: [{ origin: 'example.com/log', fromSize: 2, toSize: 3, proof: [HASH] }],
    };
    expect(parseBundle(b)).toEqual(b);
  });
  it('times with at most millisecond precision parse', () => {
    const p = structuredClone(x.permit) as Doc;
    p.validFrom = '2024-06-01T12:00:00.123Z';
    expect(parsePermit(p)).toEqual(p);
    const g = structuredClone(x.root) as Doc;
    g.validFrom = '2024-02-29T00:00:00+01:00'; // a leap day
    expect(parseGrant(g)).toEqual(g);
  });
});

describe('XP_MALFORMED details', () => {
  it('carry the zod issue path', () => {
    try {
      parseGrant(mutate(x.root, (c) => (c.credentialSubject.grant.actions = [])));
      expect.unreachable();
    } catch (e) {
      const details = (e as XprovError).details as { issues: { path: unknown[] }[] };
      expect(details.issues[0]?.path).toEqual(['credentialSubject', 'grant', 'actions']);
    }
  });

  it('parses a denial bundle', () => {
    const denialBundle = mutate(bundle, (c) => {
      delete c.permit;
      delete c.outcome;
      delete c.presentations.report;
      c.denial = x.denial;
    });
    expect(parseBundle(denialBundle)).toEqual(denialBundle);
    expect(codeOf(() => parseBundle(mutate(denialBundle, (c) => (c.outcome = x.outcome))))).toBe('XP_MALFORMED');
  });
});

describe('log entry', () => {
  it('buildLogEntry output parses, and its bytes are its JCS', () => {
    const { entry, bytes } = buildLogEntry(x.permit);
    expect(parseLogEntry(entry)).toEqual(entry);
    expect(entry).toMatchObject({ v: 1, type: 'ExecutionPermitCredential', id: x.permit.id, issuer: GOVERNOR });
    expect(new TextDecoder().decode(bytes).startsWith('{"digestMultibase":"z')).toBe(true);
  });
  it.each([
    ['v 2', (c: Doc) => (c.v = 2)],
    ['claims smuggled in', (c: Doc) => (c.claims = { name: 'Alice' })],
    ['unknown type', (c: Doc) => (c.type = 'Thing')],
  ])('rejects %s', (_n, change) => {
    expect(codeOf(() => parseLogEntry(mutate(buildLogEntry(x.root).entry, change)))).toBe('XP_MALFORMED');
  });
});
