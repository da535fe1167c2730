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
import { type PreparedPolicySet, preparePolicySet } from './prepared.js';
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

function evaluateOne(source: string, request: CedarRequest | null): PolicySetEvaluation {
  let parsed: PreparedPolicySet;
  try {
    parsed = preparePolicySet(source);
  } catch (e) {
    return { decision: 'deny', reasons: [], errors: [asError(e, POLICY_CODES.SYNTAX)] };
  }
  const digestMultibase = parsed.digest;
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
    const answer =
      parsed.slot !== undefined
        ? cedar.statefulIsAuthorized({ ...call, preparsedPolicySetId: parsed.slot })
        : cedar.isAuthorized({ ...call, policies: { staticPolicies: parsed.parsed.json.staticPolicies } });
    if (answer.type === 'failure') {
      const message = answer.errors.map((x) => x.message).join('; ');
      return { digestMultibase, decision: 'deny', reasons: [], errors: [{ code: POLICY_CODES.INPUT, message }] };
    }
    const { decision, diagnostics } = answer.response;
    const errors: PolicyError[] = diagnostics.errors.map((x) => ({
      code: POLICY_CODES.EVALUATION,
      policyId: x.policyId,
      message: x.error.message,
    }));
    const reasons = [...diagnostics.reason];
    // Fail closed: only an error-free "allow" from Cedar is an allow.
    return { digestMultibase, decision: decision === 'allow' && errors.length === 0 ? 'allow' : 'deny', reasons, errors };
  } catch (e) {
    return { digestMultibase, decision: 'deny', reasons: [], errors: [asError(e, POLICY_CODES.ENGINE)] };
  }
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
  const policies = sources.map((s) => evaluateOne(s, request));
  const allow = errors.length === 0 && policies.every((p) => p.decision === 'allow');
  return { decision: allow ? 'allow' : 'deny', engine: ENGINE, policies, errors };
}
