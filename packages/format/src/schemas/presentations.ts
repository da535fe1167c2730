/**
 * The agent's two Verifiable Presentations (DESIGN §2, spec/credentials.md §6), both signed by
 * the agent's key with proof purpose `authentication` and the governor's one-time challenge.
 */
import { z } from 'zod';
import { digestMultibase } from '../digest.js';
import {
  Action,
  AuthenticationProof,
  CredentialRef,
  DateTime,
  Did,
  DigestMultibase,
  JsonObject,
  Resource,
  UrnUuid,
  XprovContexts,
} from './common.js';
import { AgentAuthorizationCredential } from './grant.js';
import { Enforcement, ExecutionStatus, executionConsistent } from './outcome.js';

function sameDigest(expected: string, value: unknown): boolean {
  try {
    return digestMultibase(value) === expected;
  } catch {
    return false; // not I-JSON (e.g. a lone surrogate): cannot match any digest
  }
}

/** The request as the agent signs it: the permit's request plus the parameters themselves. */
export const ExecutionRequest = z
  .strictObject({
    action: Action,
    resource: Resource,
    parameters: JsonObject,
    parametersDigest: DigestMultibase,
    parent: CredentialRef.optional(),
  })
  .refine((r) => sameDigest(r.parametersDigest, r.parameters), {
    message: 'parametersDigest must be the digest of parameters',
    path: ['parametersDigest'],
  });

const requestFields = {
  '@context': XprovContexts,
  id: UrnUuid.optional(),
  type: z.tuple([z.literal('VerifiablePresentation'), z.literal('ExecutionRequestPresentation')]),
  holder: Did,
  /** The grant chain, root first. */
  verifiableCredential: z.array(AgentAuthorizationCredential).min(1),
  request: ExecutionRequest,
};

export const UnsignedExecutionRequestPresentation = z.strictObject(requestFields);
export const ExecutionRequestPresentation = z.strictObject({ ...requestFields, proof: AuthenticationProof });

export const ExecutionReport = z
  .strictObject({
    permit: CredentialRef,
    status: ExecutionStatus,
    startedAt: DateTime,
    completedAt: DateTime,
    resultDigest: DigestMultibase.optional(),
    enforcement: Enforcement,
  })
  .refine(executionConsistent, {
    message: 'status must be "violated" exactly when violations are recorded, and completedAt ≥ startedAt',
    path: ['status'],
  });

const reportFields = {
  '@context': XprovContexts,
  id: UrnUuid.optional(),
  type: z.tuple([z.literal('VerifiablePresentation'), z.literal('ExecutionReportPresentation')]),
  holder: Did,
  report: ExecutionReport,
};

export const UnsignedExecutionReportPresentation = z.strictObject(reportFields);
export const ExecutionReportPresentation = z.strictObject({ ...reportFields, proof: AuthenticationProof });

export type ExecutionRequest = z.infer<typeof ExecutionRequest>;
export type ExecutionReport = z.infer<typeof ExecutionReport>;
export type UnsignedExecutionRequestPresentation = z.infer<typeof UnsignedExecutionRequestPresentation>;
export type ExecutionRequestPresentation = z.infer<typeof ExecutionRequestPresentation>;
export type UnsignedExecutionReportPresentation = z.infer<typeof UnsignedExecutionReportPresentation>;
export type ExecutionReportPresentation = z.infer<typeof ExecutionReportPresentation>;
