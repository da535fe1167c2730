/**
 * spec/policy.md §4: how an xprov request becomes a Cedar request. The principal, action,
 * resource and parameters come from the agent (attacker-controlled); the time and the extra
 * entities come from the caller (governor or verifier).
 *
 *   principal  Agent::"<agent DID>"         entity with attribute `id` (the DID string)
 *   action     Action::"<action>"
 *   resource   Resource::"<resource>"       entity with attribute `id` (for `like` patterns)
 *   context    { time: datetime("<UTC>"), parameters: <parameters mapped per §4.2> }
 */
import { XprovError } from '@xprov/format';
import type { CedarValueJson, Context, EntityJson } from './cedar.js';
import { POLICY_CODES } from './codes.js';
import { normalizeTime } from './time.js';

export interface PolicyRequest {
  /** The agent's DID. */
  principal: string;
  action: string;
  resource: string;
  /** The request parameters, a JSON object. */
  parameters?: Record<string, unknown>;
}

export interface CedarRequest {
  principal: { type: 'Agent'; id: string };
  action: { type: 'Action'; id: string };
  resource: { type: 'Resource'; id: string };
  context: Context;
  entities: EntityJson[];
}

/** Cedar's JSON escapes: a parameter object using one would smuggle an entity or extension value. */
const ESCAPES = new Set(['__entity', '__extn', '__expr']);
const MAX_DEPTH = 32;

function bad(path: string, why: string): never {
  throw new XprovError(POLICY_CODES.INPUT, `parameters${path}: ${why}`);
}

/**
 * §4.2 JSON → Cedar: string → String, true/false → Boolean, safe integer → Long, array → Set,
 * object → Record (a `null` member is left out, so `has` is false). Rejected: non-integer or
 * unsafe numbers (write decimals as strings and use `decimal(…)` in the policy), `null` in an
 * array, Cedar escape keys, nesting deeper than 32.
 */
export function toCedarValue(value: unknown, path = '', depth = 0): CedarValueJson {
  if (depth > MAX_DEPTH) bad(path, `nested deeper than ${MAX_DEPTH}`);
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isSafeInteger(value)) {
        bad(path, `${value} is not a safe integer; write decimals as strings, e.g. "499.99", and use decimal(...) in the policy`);
      }
      return value;
    case 'object': {
      if (value === null) bad(path, 'null is only allowed as an object member (it is then left out)');
      if (Array.isArray(value)) return value.map((v, i) => toCedarValue(v, `${path}[${i}]`, depth + 1));
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) bad(path, 'not a plain JSON object');
      const out: Record<string, CedarValueJson> = {};
      for (const [k, v] of Object.entries(value)) {
        if (ESCAPES.has(k)) bad(path, `key ${k} is reserved by Cedar's JSON format`);
        if (v === null) continue;
        out[k] = toCedarValue(v, `${path}.${k}`, depth + 1);
      }
      return out;
    }
    default:
      bad(path, `${typeof value} is not a JSON value`);
  }
}

function nonEmptyString(name: string, v: unknown): string {
  if (typeof v !== 'string' || v.length === 0) {
    throw new XprovError(POLICY_CODES.INPUT, `request.${name} must be a non-empty string`);
  }
  return v;
}

/**
 * Builds the exact Cedar request of §4. Extra `entities` (from the caller, never the agent)
 * are added; one with the principal's or resource's uid is merged, its `id` attribute forced.
 */
export function toCedarRequest(request: PolicyRequest, time: string, entities: EntityJson[] = []): CedarRequest {
  if (typeof request !== 'object' || request === null) throw new XprovError(POLICY_CODES.INPUT, 'request must be an object');
  const principal = nonEmptyString('principal', request.principal);
  const action = nonEmptyString('action', request.action);
  const resource = nonEmptyString('resource', request.resource);
  const params = request.parameters ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new XprovError(POLICY_CODES.INPUT, 'request.parameters must be a JSON object');
  }
  const parameters = toCedarValue(params);
  const context: Context = { time: { __extn: { fn: 'datetime', arg: normalizeTime(time) } }, parameters };

  const own: EntityJson[] = [
    { uid: { type: 'Agent', id: principal }, attrs: { id: principal }, parents: [] },
    { uid: { type: 'Resource', id: resource }, attrs: { id: resource }, parents: [] },
  ];
  const merged: EntityJson[] = [];
  for (const e of entities) {
    const uid = e.uid as { type?: unknown; id?: unknown };
    const mine = own.find((o) => {
      const u = o.uid as { type: string; id: string };
      return u.type === uid.type && u.id === uid.id;
    });
    if (mine) {
      mine.attrs = { ...e.attrs, id: mine.attrs.id as string };
      mine.parents = e.parents;
      if (e.tags) mine.tags = e.tags;
    } else {
      merged.push(e);
    }
  }
  return {
    principal: { type: 'Agent', id: principal },
    action: { type: 'Action', id: action },
    resource: { type: 'Resource', id: resource },
    context,
    entities: [...own, ...merged],
  };
}
