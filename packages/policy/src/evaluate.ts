/**
 * spec/policy.md §5: deterministic evaluation of a grant chain's policies. Every policy set on
 * the chain must permit (a conjunction, as in UCAN); within a set Cedar's rules apply (forbid
 * overrides permit, no permit means deny) with one stricter rule: if any policy in the set raises
 * an evaluation error (e.g. a missing attribute), the set denies. Cedar would skip that policy,
 * and a skipped `forbid` would fail open. Nothing here throws: every failure is a deny with a code.
 */
import { isXprovError } from '@xprov/format';
import { ENGINE, cedar, type EntityJson } from './cedar.js';
import { POLICY_CODES } from './codes.js';
import { allowAll } from './conjunction.js';
import { type PreparedPolicySet, preparePolicySet, setSlots } from './prepared.js';
import { toCedarRequest, type CedarRequest, type PolicyRequest } from './request.js';

export type Decision = 'allow' | 'deny';

export interface PolicyError {
  code: string;
  /** The policy that raised it, for evaluation errors. */
  policyId?: string;
  message: string;
}

export interface PolicySetEvaluation {
  /** Absent only when the source does not parse. */
  digestMultibase?: string;
  decision: Decision;
  /** Ids of the policies that decided: satisfied permits for allow, satisfied forbids for deny. */
  reasons: string[];
  errors: PolicyError[];
}

export interface Evaluation {
  decision: Decision;
  /** `cedar@<version>`, for a permit's `evaluation.engine`. */
  engine: string;
  /** One entry per input policy set, in input order. */
  policies: PolicySetEvaluation[];
  /** Request-level failures (`XP_POLICY_INPUT`, `XP_POLICY_NONE`); any entry means deny. */
  errors: PolicyError[];
}

export interface EvaluateInput {
  /** One Cedar source, or the chain's sources (root first); each must permit. */
  policies: string | string[];
  request: PolicyRequest;
  /** RFC 3339 evaluation time; an explicit input, never the clock. */
  time: string;
  /** Extra entities from the caller (not the agent), e.g. resource groups. */
  entities?: EntityJson[];
}

function asError(e: unknown, fallback: string): PolicyError {
  if (isXprovError(e)) return { code: e.code, message: e.message };
  return { code: fallback, message: e instanceof Error ? e.message : String(e) };
}

type Prepared = { ok: true; set: PreparedPolicySet } | { ok: false; error: PolicyError };

function prepare(source: string): Prepared {
  try {
    return { ok: true, set: preparePolicySet(source) };
  } catch (e) {
    return { ok: false, error: asError(e, POLICY_CODES.SYNTAX) };
  }
}

/** Cedar's reasons and errors come from hash sets (random order): sorted, so results are deterministic. */
function byPolicyId(a: PolicyError, b: PolicyError): number {
  const x = a.policyId ?? '';
  const y = b.policyId ?? '';
  return x < y ? -1 : x > y ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

function evaluateOne(prepared: Prepared, request: CedarRequest | null): PolicySetEvaluation {
  if (!prepared.ok) return { decision: 'deny', reasons: [], errors: [prepared.error] };
  const { set } = prepared;
  const digestMultibase = set.digest;
  if (request === null) return { digestMultibase, decision: 'deny', reasons: [], errors: [] };
  try {
    const call = {
      principal: request.principal,
      action: request.action,
      resource: request.resource,
      context: request.context,
      entities: request.entities,
    };
    // Same policies either way: the preparsed copy of this very set, or its JSON form parsed now.
    const staticPolicies = set.parsed.json.staticPolicies;
    const slot = setSlots.slot(digestMultibase, () => staticPolicies);
    const answer =
      slot !== undefined
        ? cedar.statefulIsAuthorized({ ...call, preparsedPolicySetId: slot })
        : cedar.isAuthorized({ ...call, policies: { staticPolicies } });
    if (answer.type === 'failure') {
      const message = answer.errors.map((x) => x.message).join('; ');
      return { digestMultibase, decision: 'deny', reasons: [], errors: [{ code: POLICY_CODES.INPUT, message }] };
    }
    const { decision, diagnostics } = answer.response;
    const errors: PolicyError[] = diagnostics.errors
      .map((x) => ({ code: POLICY_CODES.EVALUATION, policyId: x.policyId, message: x.error.message }))
      .sort(byPolicyId);
    const reasons = [...diagnostics.reason].sort();
    // Fail closed: only an error-free "allow" from Cedar is an allow.
    return { digestMultibase, decision: decision === 'allow' && errors.length === 0 ? 'allow' : 'deny', reasons, errors };
  } catch (e) {
    return { digestMultibase, decision: 'deny', reasons: [], errors: [asError(e, POLICY_CODES.ENGINE)] };
  }
}

/** A chain whose every set allows, settled in one Cedar call (conjunction.ts); undefined otherwise. */
function allowChain(prepared: Prepared[], request: CedarRequest | null): PolicySetEvaluation[] | undefined {
  if (request === null || prepared.length < 2) return undefined;
  const sets: PreparedPolicySet[] = [];
  for (const p of prepared) {
    if (!p.ok) return undefined;
    sets.push(p.set);
  }
  let reasons: string[][] | undefined;
  try {
    reasons = allowAll(sets, request);
  } catch {
    return undefined; // the per-set path reports the engine error
  }
  return reasons?.map((r, i) => ({ digestMultibase: sets[i]!.digest, decision: 'allow', reasons: r, errors: [] }));
}

/** Evaluates the request against every policy set; `allow` only if each one allows. Never throws. */
export function evaluate(input: EvaluateInput): Evaluation {
  const errors: PolicyError[] = [];
  const given = input?.policies;
  const sources = typeof given === 'string' ? [given] : Array.isArray(given) ? given : [];
  if (sources.length === 0) errors.push({ code: POLICY_CODES.NONE, message: 'no policy set to evaluate' });
  let request: CedarRequest | null = null;
  try {
    request = toCedarRequest(input?.request, input?.time, input?.entities ?? []);
  } catch (e) {
    errors.push(asError(e, POLICY_CODES.INPUT));
  }
  // Each set is still parsed and digested on a bad request, so the result names every policy.
  const prepared = sources.map(prepare);
  const policies = allowChain(prepared, request) ?? prepared.map((p) => evaluateOne(p, request));
  const allow = errors.length === 0 && policies.every((p) => p.decision === 'allow');
  return { decision: allow ? 'allow' : 'deny', engine: ENGINE, policies, errors };
}
