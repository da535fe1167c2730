/**
 * VC Data Model 2.0 structural rules (§4) for credentials and presentations that come through
 * the VC-API. Everything here is attacker-controlled; every failure is `XP_MALFORMED` (or
 * `XP_CONTEXT_UNKNOWN` for a context URL that is not bundled) with the offending property.
 */
import { defaultDocumentLoader } from '@xprov/crypto';
import { XprovError } from '@xprov/format';
import { checkRelatedResources } from './related-resource.js';
import { isUrl } from './url.js';

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
/** VC Data Model 1.1 — accepted for credentials only (the W3C Data Integrity suites issue 1.1). */
export const VC_V1 = 'https://www.w3.org/2018/credentials/v1';

type Json = Record<string, unknown>;

function fail(message: string): never {
  throw new XprovError('XP_MALFORMED', message);
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

/** XML Schema 1.1 dateTimeStamp: a dateTime with a mandatory time zone (VC 2.0 §4.9). */
const DATE_TIME_STAMP = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/;

/** xsd:dateTime, time zone optional (VC 1.1 issuanceDate / expirationDate). */
function isXsdDateTime(v: unknown): v is string {
  return typeof v === 'string' && /^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/.test(v) && !Number.isNaN(Date.parse(v));
}

/** The validity window of a credential: VC 2.0 validFrom/validUntil, VC 1.1 issuanceDate/expirationDate. */
export function validityOf(vc: Json): { from?: string; until?: string } {
  const v1 = asList(vc['@context'])[0] === VC_V1;
  const from = v1 ? vc.issuanceDate : vc.validFrom;
  const until = v1 ? vc.expirationDate : vc.validUntil;
  return { ...(typeof from === 'string' ? { from } : {}), ...(typeof until === 'string' ? { until } : {}) };
}

export function isDateTimeStamp(v: unknown): v is string {
  return typeof v === 'string' && DATE_TIME_STAMP.test(v) && !Number.isNaN(Date.parse(v));
}

/** §4.3: an ordered set whose first item is the v2 URL (or, where allowed, v1); then bundled URLs and/or objects. */
export function checkContext(ctx: unknown, allowV1 = false): void {
  if (ctx === undefined) fail('@context is required');
  const list = asList(ctx);
  if (list[0] !== VC_V2 && !(allowV1 && list[0] === VC_V1)) fail(`the first @context item must be ${VC_V2}`);
  const loader = defaultDocumentLoader();
  for (const entry of list.slice(1)) {
    if (typeof entry === 'string') {
      if (!isUrl(entry)) fail(`@context item ${entry} is not a URL`);
      if (!loader.has(entry)) throw new XprovError('XP_CONTEXT_UNKNOWN', `unknown @context ${entry}; contexts are never fetched`);
    } else if (!isObject(entry)) {
      fail('@context items are URLs or objects');
    }
  }
}

/** §4.5: one or more terms or absolute URLs, including `required`. */
function checkType(type: unknown, required: string, where: string): string[] {
  if (type === undefined) fail(`${where}.type is required`);
  const list = asList(type);
  if (list.length === 0 || !list.every((t) => typeof t === 'string' && t.length > 0)) fail(`${where}.type must be one or more strings`);
  if (required !== '' && !list.includes(required)) fail(`${where}.type must include ${required}`);
  return list as string[];
}

function checkId(id: unknown, where: string): void {
  if (id !== undefined && !isUrl(id)) fail(`${where}.id must be a single URL`);
}

/** §11.1: a string, a language value object, or a list of them. */
function checkLanguageValue(v: unknown, where: string): void {
  if (v === undefined) return;
  for (const item of asList(v)) {
    if (typeof item === 'string') continue;
    if (!isObject(item) || typeof item['@value'] !== 'string') fail(`${where} must be a string or a language value object`);
    for (const k of Object.keys(item)) {
      if (k !== '@value' && k !== '@language' && k !== '@direction') fail(`${where} has the unexpected member ${k}`);
    }
    if (item['@language'] !== undefined && typeof item['@language'] !== 'string') fail(`${where}.@language is a string`);
    if (item['@direction'] !== undefined && item['@direction'] !== 'ltr' && item['@direction'] !== 'rtl') fail(`${where}.@direction is ltr or rtl`);
  }
}

/** §4.10–4.11, §5.4–5.6: objects that MUST have a type (and, for schemas, an id). */
function checkTypedObjects(v: unknown, where: string, idRequired: boolean): void {
  if (v === undefined) return;
  const list = asList(v);
  if (list.length === 0) fail(`${where} must not be empty`);
  for (const o of list) {
    if (!isObject(o)) fail(`${where} entries are objects`);
    checkType(o.type, '', where);
    if (idRequired && o.id === undefined) fail(`${where}.id is required`);
    checkId(o.id, where);
  }
}

/** Bitstring Status List v1.0 §2.1: every BitstringStatusListEntry anywhere in the document. */
export function checkStatusEntries(doc: unknown, depth = 0): void {
  if (depth > 32) fail('the document is nested too deeply');
  if (Array.isArray(doc)) {
    for (const d of doc) checkStatusEntries(d, depth + 1);
    return;
  }
  if (!isObject(doc)) return;
  if (asList(doc.type).includes('BitstringStatusListEntry')) {
    if (typeof doc.statusPurpose !== 'string' || doc.statusPurpose === '') fail('BitstringStatusListEntry.statusPurpose must be a string');
    if (typeof doc.statusListIndex !== 'string' || !/^(0|[1-9]\d{0,15})$/.test(doc.statusListIndex)) {
      fail('BitstringStatusListEntry.statusListIndex must be a non-negative base-10 integer string');
    }
    if (!isUrl(doc.statusListCredential)) fail('BitstringStatusListEntry.statusListCredential must be a URL');
    if (doc.statusSize !== undefined && !(Number.isInteger(doc.statusSize) && (doc.statusSize as number) > 0)) {
      fail('BitstringStatusListEntry.statusSize must be a positive integer');
    }
    if (typeof doc.statusSize === 'number' && doc.statusSize > 1 && !Array.isArray(doc.statusMessage)) {
      fail('BitstringStatusListEntry.statusMessage is required when statusSize > 1');
    }
  }
  for (const [k, v] of Object.entries(doc)) if (k !== '@context') checkStatusEntries(v, depth + 1);
}

/** The issuer URL of a credential (string or object id). */
export function issuerId(vc: Json): string | undefined {
  const i = vc.issuer;
  if (typeof i === 'string') return i;
  if (isObject(i) && typeof i.id === 'string') return i.id;
  return undefined;
}

/** VC 2.0 §4 for a credential; `proof` is not looked at here. */
export function checkCredential(vc: unknown): asserts vc is Json {
  if (!isObject(vc)) fail('a verifiable credential is a JSON object');
  checkContext(vc['@context'], true);
  if (asList(vc['@context'])[0] === VC_V1) {
    // VC 1.1 §4.6: issuanceDate is required, expirationDate optional (xsd:dateTime).
    if (!isXsdDateTime(vc.issuanceDate)) fail('a VC 1.1 credential needs an XML Schema dateTime issuanceDate');
    if (vc.expirationDate !== undefined && !isXsdDateTime(vc.expirationDate)) fail('expirationDate must be an XML Schema dateTime');
  }
  checkId(vc.id, 'credential');
  const types = checkType(vc.type, 'VerifiableCredential', 'credential');
  if (types.includes('EnvelopedVerifiableCredential')) fail('an enveloped credential is not a credential');
  // §4.7 issuer
  if (isObject(vc.issuer)) {
    if (!isUrl(vc.issuer.id)) fail('issuer.id must be a URL');
    checkLanguageValue(vc.issuer.name, 'issuer.name');
    checkLanguageValue(vc.issuer.description, 'issuer.description');
  } else if (!isUrl(vc.issuer)) {
    fail('issuer must be a URL or an object with an id');
  }
  // §4.8 credentialSubject
  const subjects = asList(vc.credentialSubject);
  if (vc.credentialSubject === undefined || subjects.length === 0) fail('credentialSubject is required');
  for (const s of subjects) {
    if (!isObject(s) || Object.keys(s).length === 0) fail('each credentialSubject is an object with at least one claim');
    checkId(s.id, 'credentialSubject');
  }
  checkLanguageValue(vc.name, 'name');
  checkLanguageValue(vc.description, 'description');
  // §4.9 validity period
  if (vc.validFrom !== undefined && !isDateTimeStamp(vc.validFrom)) fail('validFrom must be an XML Schema dateTimeStamp');
  if (vc.validUntil !== undefined && !isDateTimeStamp(vc.validUntil)) fail('validUntil must be an XML Schema dateTimeStamp');
  if (typeof vc.validFrom === 'string' && typeof vc.validUntil === 'string' && Date.parse(vc.validFrom) > Date.parse(vc.validUntil)) {
    fail('validFrom is after validUntil');
  }
  checkTypedObjects(vc.credentialStatus, 'credentialStatus', false);
  checkTypedObjects(vc.credentialSchema, 'credentialSchema', true);
  checkTypedObjects(vc.termsOfUse, 'termsOfUse', false);
  checkTypedObjects(vc.evidence, 'evidence', false);
  checkTypedObjects(vc.refreshService, 'refreshService', false);
  checkRelatedResources(vc.relatedResource);
  checkStatusEntries(vc);
}

/** VC 2.0 §4.13 for a presentation; embedded credentials are checked by the caller. */
export function checkPresentation(vp: unknown): asserts vp is Json {
  if (!isObject(vp)) fail('a verifiable presentation is a JSON object');
  checkContext(vp['@context']);
  checkId(vp.id, 'presentation');
  const types = checkType(vp.type, 'VerifiablePresentation', 'presentation');
  if (types.includes('EnvelopedVerifiablePresentation')) fail('an enveloped presentation is not a presentation');
  if (vp.holder !== undefined) {
    if (isObject(vp.holder)) {
      if (!isUrl(vp.holder.id)) fail('holder.id must be a URL');
    } else if (!isUrl(vp.holder)) {
      fail('holder must be a URL or an object with an id');
    }
  }
  if (vp.verifiableCredential !== undefined) {
    for (const c of asList(vp.verifiableCredential)) if (!isObject(c)) fail('verifiableCredential values are objects');
  }
  checkTypedObjects(vp.termsOfUse, 'termsOfUse', false);
}
