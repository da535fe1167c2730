/**
 * Attenuation of one delegation link (DESIGN §2.1, spec/credentials.md §2.3). Pure: the
 * verifier, the governor and `buildDelegation` all call this. Both credentials are
 * attacker-supplied in a bundle; callers must have checked their proofs separately.
 * Policy conjunction is not checked here (that needs the policy engine, @xprov/policy).
 */
import { digestMultibase } from './digest.js';
import type { VerificationCode } from './errors.js';
import { patternCovers } from './patterns.js';

/** The fields of a grant that attenuation reads (a signed or unsigned grant fits). */
export interface GrantLike {
  id: string;
  issuer: string;
  validFrom: string;
  validUntil: string;
  parent?: { id: string; digestMultibase: string } | undefined;
  credentialSubject: {
    id: string;
    grant: { actions: readonly string[]; resources: readonly string[]; maxDelegationDepth: number };
  };
}

export interface AttenuationFailure {
  code: Extract<VerificationCode, 'XP_CHAIN_ESCALATION' | 'XP_CHAIN_DEPTH' | 'XP_CHAIN_BROKEN' | 'XP_CHAIN_DIGEST'>;
  /** The field of the child that fails, e.g. `credentialSubject.grant.actions`. */
  field: string;
  message: string;
}

/**
 * Every way `child` fails to be a valid delegation of the signed `parent`; empty when it is one.
 * The digest compared is over the parent as given, proof included (DESIGN §2).
 */
export function checkAttenuation(parent: GrantLike, child: GrantLike): AttenuationFailure[] {
  const failures: AttenuationFailure[] = [];
  const p = parent.credentialSubject.grant;
  const c = child.credentialSubject.grant;

  if (child.issuer !== parent.credentialSubject.id) {
    failures.push({ code: 'XP_CHAIN_BROKEN', field: 'issuer', message: 'issuer is not the parent grant subject' });
  }
  if (child.parent === undefined || child.parent.id !== parent.id) {
    failures.push({ code: 'XP_CHAIN_BROKEN', field: 'parent.id', message: 'parent.id does not name the parent grant' });
  }
  if (child.parent !== undefined) {
    let actual: string | undefined;
    try {
      actual = digestMultibase(parent);
    } catch {
      actual = undefined; // a parent that is not I-JSON has no digest that could match
    }
    if (child.parent.digestMultibase !== actual) {
      failures.push({ code: 'XP_CHAIN_DIGEST', field: 'parent.digestMultibase', message: 'parent digest mismatch' });
    }
  }

  const missingActions = c.actions.filter((a) => !p.actions.includes(a));
  if (missingActions.length > 0) {
    failures.push({
      code: 'XP_CHAIN_ESCALATION',
      field: 'credentialSubject.grant.actions',
      message: `actions not granted by the parent: ${missingActions.join(', ')}`,
    });
  }
  const uncovered = c.resources.filter((r) => !p.resources.some((pr) => patternCovers(pr, r)));
  if (uncovered.length > 0) {
    failures.push({
      code: 'XP_CHAIN_ESCALATION',
      field: 'credentialSubject.grant.resources',
      message: `resources not covered by the parent: ${uncovered.join(', ')}`,
    });
  }
  const pFrom = Date.parse(parent.validFrom);
  const pUntil = Date.parse(parent.validUntil);
  const cFrom = Date.parse(child.validFrom);
  const cUntil = Date.parse(child.validUntil);
  if (!(cFrom >= pFrom)) {
    failures.push({ code: 'XP_CHAIN_ESCALATION', field: 'validFrom', message: 'validFrom is before the parent' });
  }
  if (!(cUntil <= pUntil)) {
    failures.push({ code: 'XP_CHAIN_ESCALATION', field: 'validUntil', message: 'validUntil is after the parent' });
  }

  if (p.maxDelegationDepth < 1) {
    failures.push({ code: 'XP_CHAIN_DEPTH', field: 'parent', message: 'the parent grant may not be delegated' });
  } else if (!(c.maxDelegationDepth < p.maxDelegationDepth)) {
    failures.push({
      code: 'XP_CHAIN_DEPTH',
      field: 'credentialSubject.grant.maxDelegationDepth',
      message: 'maxDelegationDepth must be below the parent',
    });
  }
  return failures;
}
