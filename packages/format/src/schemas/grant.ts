/**
 * `AgentAuthorizationCredential` (DESIGN §2.1, spec/credentials.md §2): a root grant from an
 * authority, or a delegation from the parent grant's subject carrying `parent`.
 */
import { z } from 'zod';
import {
  Action,
  CredentialRef,
  credentialBase,
  DateTime,
  Did,
  DigestMultibase,
  ResourcePattern,
  unsignedAndSigned,
} from './common.js';

export const Policy = z.strictObject({
  language: z.literal('cedar'),
  digestMultibase: DigestMultibase,
  source: z.string().min(1),
});

export const Grant = z.strictObject({
  actions: z.array(Action).min(1),
  resources: z.array(ResourcePattern).min(1),
  policy: Policy.optional(),
  maxDelegationDepth: z.int().min(0).max(16),
});

/** Bitstring Status List v1.0 §2.1 entry; xprov uses purpose `revocation` only. */
export const BitstringStatusListEntry = z.strictObject({
  id: z.string().optional(),
  type: z.literal('BitstringStatusListEntry'),
  statusPurpose: z.literal('revocation'),
  statusListIndex: z.string().regex(/^(0|[1-9][0-9]{0,9})$/, 'a non-negative integer as a string'),
  statusListCredential: z.string().regex(/^(https?:\/\/|urn:)\S+$/, 'a URL'),
});

const fields = {
  ...credentialBase('AgentAuthorizationCredential'),
  validUntil: DateTime,
  parent: CredentialRef.optional(),
  credentialSubject: z.strictObject({ id: Did, grant: Grant }),
  credentialStatus: BitstringStatusListEntry.optional(),
};

const grantSchemas = unsignedAndSigned(fields);
export const UnsignedAgentAuthorizationCredential = grantSchemas.unsigned;
export const AgentAuthorizationCredential = grantSchemas.signed;

export type Policy = z.infer<typeof Policy>;
export type Grant = z.infer<typeof Grant>;
export type BitstringStatusListEntry = z.infer<typeof BitstringStatusListEntry>;
export type UnsignedAgentAuthorizationCredential = z.infer<typeof UnsignedAgentAuthorizationCredential>;
export type AgentAuthorizationCredential = z.infer<typeof AgentAuthorizationCredential>;
