/**
 * Step 2.1, once per credential: the request presentation carries the grant chain again
 * (spec/bundle.md), normally the very same JSON as the bundle's `grants`. Schema-checking it twice
 * is a quarter of the parse; when the carried chain is structurally identical to `grants`, the
 * bundle is checked with a schema derived from @xprov/format's (still the source of truth) that
 * takes the carried list as any array, and the carried list is then the parsed grants themselves.
 * Identical JSON passes or fails the same schema identically, so the outcome is unchanged; when
 * the two differ in any way, the full schema checks both as before. Both copies are
 * attacker-controlled.
 */
import { ProvenanceBundle } from '@xprov/format';
import { z } from 'zod';

/** Deeper than JCS allows (@xprov/format MAX_DEPTH): never "identical", the full schema decides. */
const MAX_DEPTH = 256;

function plain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Whether `a` and `b` are the same JSON value (plain objects, dense arrays, finite numbers). */
export function sameJson(a: unknown, b: unknown, depth = 0): boolean {
  if (typeof a !== typeof b) return false;
  switch (typeof a) {
    case 'string':
    case 'boolean':
      return a === b;
    case 'number':
      return Object.is(a, b) && Number.isFinite(a);
    case 'object':
      break;
    default:
      return false;
  }
  if (a === null || b === null) return a === b;
  if (depth >= MAX_DEPTH) return false;
  const x = a as object;
  const y = b as object;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      if (!(i in x) || !(i in y) || !sameJson(x[i], y[i], depth + 1)) return false;
    }
    return true;
  }
  if (Array.isArray(y) || !plain(x) || Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return false;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  for (const k of kx) {
    if (!Object.hasOwn(y, k) || !sameJson((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

/**
 * The bundle schema with the request presentation's `verifiableCredential` taken as any array;
 * everything else, the bundle's refinements included (`safeExtend` keeps them), as in @xprov/format.
 * `safeExtend` is typed for narrowing only, hence the cast: this one widens, on purpose.
 */
const presentations = ProvenanceBundle.shape.presentations;
const request = presentations.shape.request.unwrap();
export const BundleWithoutCarriedChain: z.ZodType = ProvenanceBundle.safeExtend({
  presentations: presentations.extend({
    request: request.extend({ verifiableCredential: z.array(z.unknown()) }).optional(),
  }),
} as never);

/** Whether `input`'s request presentation carries exactly `input.grants`. */
export function carriesSameChain(input: unknown): boolean {
  if (typeof input !== 'object' || input === null) return false;
  const { grants, presentations: p } = input as { grants?: unknown; presentations?: { request?: { verifiableCredential?: unknown } } };
  const carried = typeof p === 'object' && p !== null && typeof p.request === 'object' && p.request !== null ? p.request.verifiableCredential : undefined;
  return Array.isArray(grants) && grants.length > 0 && sameJson(carried, grants);
}

/**
 * A shallow view of `b` whose request presentation carries `b.grants`' own objects, so that each
 * grant has one canonical text shared by digests and proofs. For a bundle whose carried chain is
 * its grants (`carriesSameChain`); `b` itself is never written to.
 */
export function withGrantsCarried<B extends { grants?: unknown[]; presentations?: { request?: object | undefined } }>(b: B): B {
  const request = b.presentations?.request;
  if (request === undefined || b.grants === undefined) return b;
  return { ...b, presentations: { ...b.presentations, request: { ...request, verifiableCredential: [...b.grants] } } };
}
