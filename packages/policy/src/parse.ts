/**
 * spec/policy.md §2: parsing a grant's Cedar source into Cedar's JSON policy-set form.
 * The source is attacker-controlled (it travels inside credentials): every failure is a coded
 * `XP_POLICY_SYNTAX`, and the result is the only form that is digested and evaluated.
 */
import { XprovError } from '@xprov/format';
import { cedar, type DetailedError, type PolicyJson } from './cedar.js';
import { POLICY_CODES } from './codes.js';

/** Cedar's JSON form of a policy set, as digested (spec/policy.md §2). */
export interface PolicySetJson {
  staticPolicies: Record<string, PolicyJson>;
  templates: Record<string, never>;
  templateLinks: never[];
}

export interface ParsedPolicySet {
  /** The Cedar text as given. */
  source: string;
  /** Policy ids in source order: `@id("…")` if annotated, else `policy<position>`. */
  ids: string[];
  json: PolicySetJson;
}

function describe(errors: DetailedError[]): string {
  return errors.map((e) => e.message).join('; ') || 'unknown Cedar error';
}

/**
 * Parses a Cedar policy set. Ids: a policy's `@id("…")` annotation if it has one, otherwise
 * `policy<i>` with i its zero-based position in the source. Refuses templates (a grant's policy
 * is static) and duplicate ids, with `XP_POLICY_SYNTAX`.
 */
export function parsePolicySet(source: string): ParsedPolicySet {
  if (typeof source !== 'string') {
    throw new XprovError(POLICY_CODES.SYNTAX, 'a Cedar policy set must be a string');
  }
  let parts: ReturnType<typeof cedar.policySetTextToParts>;
  try {
    parts = cedar.policySetTextToParts(source);
  } catch (e) {
    throw new XprovError(POLICY_CODES.SYNTAX, `Cedar could not parse the policy set: ${String(e)}`, { cause: e });
  }
  if (parts.type === 'failure') {
    throw new XprovError(POLICY_CODES.SYNTAX, describe(parts.errors), { details: parts.errors });
  }
  if (parts.policy_templates.length > 0) {
    throw new XprovError(POLICY_CODES.SYNTAX, 'templates (policies with ?principal or ?resource slots) are not allowed in a grant policy');
  }
  const ids: string[] = [];
  const staticPolicies: Record<string, PolicyJson> = {};
  parts.policies.forEach((text, i) => {
    const answer = cedar.policyToJson(text);
    if (answer.type === 'failure') {
      throw new XprovError(POLICY_CODES.SYNTAX, describe(answer.errors), { details: answer.errors });
    }
    const id = answer.json.annotations?.id ?? `policy${i}`;
    if (id === '') throw new XprovError(POLICY_CODES.SYNTAX, `policy ${i} has an empty @id annotation`);
    if (Object.hasOwn(staticPolicies, id)) {
      throw new XprovError(POLICY_CODES.SYNTAX, `policy id ${JSON.stringify(id)} is used twice`);
    }
    ids.push(id);
    staticPolicies[id] = answer.json;
  });
  return { source, ids, json: { staticPolicies, templates: {}, templateLinks: [] } };
}
