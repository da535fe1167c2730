/**
 * Builders of `AgentAuthorizationCredential` (DESIGN §2.1). Unsigned: @xprov/crypto signs.
 * The output always passes the schema; a delegation that would escalate is refused with the
 * attenuation code (XP_CHAIN_ESCALATION / XP_CHAIN_DEPTH / XP_CHAIN_BROKEN / XP_CHAIN_DIGEST).
 */
import { checkAttenuation } from '../attenuation.js';
import { XPROV_CONTEXTS } from '../context.js';
import { XprovError } from '../errors.js';
import { parseGrant, parseWith } from '../parse.js';
import {
  type AgentAuthorizationCredential,
  type BitstringStatusListEntry,
  type Policy,
  UnsignedAgentAuthorizationCredential,
} from '../schemas/grant.js';
import { type TimeInput, toIsoSeconds } from '../time.js';
import { credentialRef, defined, newUrnUuid, unique } from './common.js';

export interface GrantInput {
  /** The authority's DID (root grant). */
  issuer: string;
  /** The agent's DID: the subject. */
  agent: string;
  actions: readonly string[];
  resources: readonly string[];
  policy?: Policy | undefined;
  validFrom: TimeInput;
  validUntil: TimeInput;
  maxDelegationDepth: number;
  credentialStatus?: BitstringStatusListEntry | undefined;
  id?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
}

/** A root grant from an authority to an agent. Throws XP_MALFORMED on any invalid input. */
export function buildGrant(input: GrantInput): UnsignedAgentAuthorizationCredential {
  const credential = defined({
    '@context': [...XPROV_CONTEXTS],
    id: input.id ?? newUrnUuid(),
    type: ['VerifiableCredential', 'AgentAuthorizationCredential'],
    issuer: input.issuer,
    name: input.name,
    description: input.description,
    validFrom: toIsoSeconds(input.validFrom),
    validUntil: toIsoSeconds(input.validUntil),
    credentialSubject: {
      id: input.agent,
      grant: defined({
        actions: unique(input.actions),
        resources: unique(input.resources),
        policy: input.policy,
        maxDelegationDepth: input.maxDelegationDepth,
      }),
    },
    credentialStatus: input.credentialStatus,
  });
  return parseWith(UnsignedAgentAuthorizationCredential, credential, 'AgentAuthorizationCredential');
}

export interface DelegationInput {
  /** The signed parent grant; the delegation's issuer is its subject. */
  parent: AgentAuthorizationCredential;
  /** The sub-agent's DID. */
  agent: string;
  actions: readonly string[];
  resources: readonly string[];
  policy?: Policy | undefined;
  /** Default: the parent's. */
  validFrom?: TimeInput | undefined;
  /** Default: the parent's. */
  validUntil?: TimeInput | undefined;
  /** Default: the parent's minus one. */
  maxDelegationDepth?: number | undefined;
  credentialStatus?: BitstringStatusListEntry | undefined;
  id?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
}

/**
 * A delegation of `parent` to a sub-agent, issued by the parent's subject, with
 * `parent: {id, digestMultibase}`. Refused (with the first failure's code, all failures in
 * `details`) unless it attenuates the parent.
 */
export function buildDelegation(input: DelegationInput): UnsignedAgentAuthorizationCredential {
  const parent = parseGrant(input.parent);
  const credential = defined({
    '@context': [...XPROV_CONTEXTS],
    id: input.id ?? newUrnUuid(),
    type: ['VerifiableCredential', 'AgentAuthorizationCredential'],
    issuer: parent.credentialSubject.id,
    name: input.name,
    description: input.description,
    validFrom: toIsoSeconds(input.validFrom ?? parent.validFrom),
    validUntil: toIsoSeconds(input.validUntil ?? parent.validUntil),
    parent: credentialRef(input.parent),
    credentialSubject: {
      id: input.agent,
      grant: defined({
        actions: unique(input.actions),
        resources: unique(input.resources),
        policy: input.policy,
        maxDelegationDepth: input.maxDelegationDepth ?? parent.credentialSubject.grant.maxDelegationDepth - 1,
      }),
    },
    credentialStatus: input.credentialStatus,
  });
  const parsed = parseWith(UnsignedAgentAuthorizationCredential, credential, 'AgentAuthorizationCredential');
  const failures = checkAttenuation(input.parent, parsed);
  const first = failures[0];
  if (first !== undefined) {
    throw new XprovError(first.code, `delegation refused: ${first.message}`, { details: { failures } });
  }
  return parsed;
}
