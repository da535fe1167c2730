/**
 * Building blocks shared by the credential schemas (spec/credentials.md §1). Every value here
 * arrives from outside (a bundle, an HTTP body, a file): the patterns are the first line of
 * defence, the verifier's checks the second.
 */
import { z } from 'zod';
import { CREDENTIALS_V2_CONTEXT_URL, XPROV_CONTEXT_URL } from '../context.js';
import { isSha256Multibase } from '../digest.js';

/** `@context` of every xprov credential and presentation, exactly and in this order (DESIGN §2). */
export const XprovContexts = z.tuple([z.literal(CREDENTIALS_V2_CONTEXT_URL), z.literal(XPROV_CONTEXT_URL)]);

/** A DID (W3C DID Core §3.1 syntax, loosely): `did:<method>:<method-specific-id>`, no whitespace or fragment. */
export const Did = z
  .string()
  .regex(/^did:[a-z0-9]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._%-]$/, 'a DID without fragment, e.g. did:key:z6Mk…');

/** Credential ids are UUID URNs (RFC 9562), lower case. */
export const UrnUuid = z
  .string()
  .regex(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'urn:uuid:<lower-case UUID>');

/**
 * An XML Schema dateTime with an explicit offset (VC 2.0 §4.9 `validFrom`/`validUntil`).
 * Builders write seconds precision in UTC (`2024-01-01T00:00:00Z`); parsers also accept
 * offsets and up to three fractional digits (milliseconds) written by other implementations.
 * More digits are refused (spec/verification.md §0): JavaScript compares times at millisecond
 * precision, and a verifier that truncated `…:00.000000001` would pass a bound it exceeds.
 */
export const DateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/, 'an RFC 3339 date-time with offset, at most millisecond precision')
  .refine(isRealDateTime, 'not a real date-time');

/** The fields of a date-time (any fraction length: the `DateTime` pattern bounds it). */
const DATE_TIME_FIELDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Calendar and clock ranges checked field by field (RFC 3339 §5.7): `Date.parse` is lenient
 * (2025-02-30 becomes March 2, hour 24 the next day) where other implementations refuse, and two
 * verifiers must not read one attacker-written time as two instants. No leap second (`:60`).
 * Every string that passes these checks is one `Date.parse` reads (years 0000–9999, offsets up to
 * ±23:59, any fraction), so it is not called here (it was a third of the cost of a time check).
 */
function isRealDateTime(s: string): boolean {
  const m = DATE_TIME_FIELDS.exec(s);
  if (m === null) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const days = mo === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS_IN_MONTH[mo - 1];
  return (
    days !== undefined &&
    d >= 1 &&
    d <= days &&
    Number(m[4]) <= 23 &&
    Number(m[5]) <= 59 &&
    Number(m[6]) <= 59 &&
    (m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59))
  );
}

/** DESIGN §2 digest: multibase base58btc of a sha2-256 multihash. */
export const DigestMultibase = z
  .string()
  .regex(/^z[1-9A-HJ-NP-Za-km-z]{40,50}$/, 'z + base58btc sha2-256 multihash')
  .refine(isSha256Multibase, 'not a sha2-256 multihash');

/** A reference to a credential by id and digest (`parent`, `permit`, `authorization[]`). */
export const CredentialRef = z.strictObject({ id: UrnUuid, digestMultibase: DigestMultibase });

/** An action name: no whitespace, no wildcard (actions are compared exactly). */
export const Action = z.string().regex(/^[^\s*]{1,256}$/, 'an action name without whitespace or *');

/** A resource pattern: exact, or a prefix when it ends with the one `*` it may contain. */
export const ResourcePattern = z.string().regex(/^[^\s*]{0,1024}\*?$/, 'a resource, optionally ending in *').min(1);

/** A concrete resource (what a request names): no `*` at all. */
export const Resource = z.string().regex(/^[^\s*]{1,1024}$/, 'a concrete resource without whitespace or *');

/** A verification code or operational code, `XP_…`. */
export const ErrorCode = z.string().regex(/^XP_[A-Z0-9_]+$/);

/** Free-form JSON (request parameters, limits, reasons, enforcement records): `@json` in the context. */
export const Json = z.json();
export const JsonObject = z.record(z.string(), z.json());

export const CRYPTOSUITES = ['eddsa-jcs-2022', 'eddsa-rdfc-2022'] as const;
export const Cryptosuite = z.enum(CRYPTOSUITES);

const proofCommon = {
  id: z.string().optional(),
  type: z.literal('DataIntegrityProof'),
  cryptosuite: Cryptosuite,
  created: DateTime.optional(),
  expires: DateTime.optional(),
  verificationMethod: z.string().regex(/^did:[^#\s]+#[^\s]+$/, 'a DID URL with fragment'),
  proofValue: z.string().regex(/^z[1-9A-HJ-NP-Za-km-z]+$/, 'multibase base58btc'),
  nonce: z.string().optional(),
  previousProof: z.union([z.string(), z.array(z.string())]).optional(),
};

/** VC Data Integrity §2.1 proof with purpose assertionMethod (credentials issued by a DID). */
export const AssertionProof = z.looseObject({
  ...proofCommon,
  proofPurpose: z.literal('assertionMethod'),
  domain: z.union([z.string(), z.array(z.string())]).optional(),
  challenge: z.string().optional(),
});

/** Proof of the agent's presentations: purpose authentication, bound to the governor's challenge (DESIGN §2). */
export const AuthenticationProof = z.looseObject({
  ...proofCommon,
  proofPurpose: z.literal('authentication'),
  challenge: z.string().min(1),
  domain: z.union([z.string(), z.array(z.string())]).optional(),
});

/** The credential fields every xprov VC has before the subject (VC 2.0 §4). */
export function credentialBase<T extends string>(type: T) {
  return {
    '@context': XprovContexts,
    id: UrnUuid,
    type: z.tuple([z.literal('VerifiableCredential'), z.literal(type)]),
    issuer: Did,
    name: z.string().optional(),
    description: z.string().optional(),
    validFrom: DateTime,
  };
}

/** `validUntil` must lie after `validFrom` (VC 2.0 §4.9). */
export function validityOrdered(v: { validFrom: string; validUntil?: string | undefined }): boolean {
  return v.validUntil === undefined || Date.parse(v.validUntil) > Date.parse(v.validFrom);
}

/** The issue `validityOrdered` reports, for `.refine(validityOrdered, VALIDITY_ORDERED)`. */
export const VALIDITY_ORDERED = { message: 'validUntil must be after validFrom', path: ['validUntil'] };

/**
 * The unsigned and the signed schema of one credential type (spec/credentials.md §1): the same
 * members, the signed one with its assertion proof; both refuse a validUntil not after validFrom.
 */
export function unsignedAndSigned<F extends z.ZodRawShape>(fields: F) {
  const ordered = (v: unknown) => validityOrdered(v as { validFrom: string; validUntil?: string });
  return {
    unsigned: z.strictObject(fields).refine(ordered, VALIDITY_ORDERED),
    signed: z.strictObject({ ...fields, proof: AssertionProof }).refine(ordered, VALIDITY_ORDERED),
  };
}
