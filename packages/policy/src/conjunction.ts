/**
 * spec/policy.md §5 fast path for a chain of N policy sets: one Cedar call over their disjoint
 * union (policy ids prefixed `<i>/`) instead of N calls, each of which mostly converts the same
 * request and entities. Used only when its answer settles every set exactly; otherwise the caller
 * evaluates set by set.
 *
 * Why it is exact: Cedar evaluates each policy on its own, so in the union the satisfied permits,
 * satisfied forbids and erroring policies are exactly those of the sets, relabelled. Cedar allows
 * iff no forbid and at least one permit is satisfied, and then gives every satisfied permit as a
 * reason. So a union answer of "allow" with no error and a reason from every set i proves each set
 * allows on its own, error-free, with exactly those reasons. Any other answer (a deny, an error, a
 * set with no satisfied permit) is left to the per-set path, which names the failing set.
 */
import type { PolicyJson } from './cedar.js';
import { cedar } from './cedar.js';
import { CedarSlots, type PreparedPolicySet } from './prepared.js';
import type { CedarRequest } from './request.js';

/** Slots for unions, keyed by the chain's digests in order. */
const unionSlots = new CedarSlots('xprov-chain');

function union(sets: PreparedPolicySet[]): Record<string, PolicyJson> {
  const out: Record<string, PolicyJson> = {};
  sets.forEach((s, i) => {
    for (const id of s.parsed.ids) out[`${i}/${id}`] = s.parsed.json.staticPolicies[id]!;
  });
  return out;
}

/** Per-set reasons (sorted) when the union proves every set allows; undefined otherwise. */
export function allowAll(sets: PreparedPolicySet[], request: CedarRequest): string[][] | undefined {
  const slot = unionSlots.slot(sets.map((s) => s.digest).join(' '), () => union(sets));
  if (slot === undefined) return undefined;
  const answer = cedar.statefulIsAuthorized({
    principal: request.principal,
    action: request.action,
    resource: request.resource,
    context: request.context,
    entities: request.entities,
    preparsedPolicySetId: slot,
  });
  if (answer.type !== 'success') return undefined;
  const { decision, diagnostics } = answer.response;
  if (decision !== 'allow' || diagnostics.errors.length > 0) return undefined;
  const reasons: string[][] = sets.map(() => []);
  for (const r of diagnostics.reason) {
    const slash = r.indexOf('/');
    const i = Number(r.slice(0, slash));
    const list = reasons[i];
    if (slash < 1 || !Number.isInteger(i) || list === undefined) return undefined;
    list.push(r.slice(slash + 1));
  }
  if (reasons.some((list) => list.length === 0)) return undefined;
  for (const list of reasons) list.sort();
  return reasons;
}

/** Slot ids the union cache ever created; for tests. */
export function unionSlotsCreated(): number {
  return unionSlots.created;
}
