/** `ExecutionOutcomeCredential` (DESIGN §2.3, spec/credentials.md §5). */
import { z } from 'zod';
import {
  Action,
  AssertionProof,
  CredentialRef,
  credentialBase,
  DateTime,
  Did,
  DigestMultibase,
  Json,
  Resource,
  UrnUuid,
} from './common.js';

export const EXECUTION_STATUSES = ['succeeded', 'failed', 'aborted', 'violated'] as const;
export const ExecutionStatus = z.enum(EXECUTION_STATUSES);

/** What runtime enforcement recorded; entries are free-form JSON (`@json`). */
export const Enforcement = z.strictObject({ events: z.array(Json), violations: z.array(Json) });

/** status is `violated` exactly when enforcement recorded a violation; completion is not before start. */
export function executionConsistent(v: {
  status: string;
  startedAt: string;
  completedAt: string;
  enforcement: { violations: unknown[] };
}): boolean {
  return (
    (v.status === 'violated') === v.enforcement.violations.length > 0 &&
    Date.parse(v.completedAt) >= Date.parse(v.startedAt)
  );
}

const subject = z
  .strictObject({
    id: UrnUuid,
    permit: CredentialRef,
    agent: Did,
    action: Action,
    resource: Resource,
    status: ExecutionStatus,
    startedAt: DateTime,
    completedAt: DateTime,
    resultDigest: DigestMultibase.optional(),
    enforcement: Enforcement,
    report: z.strictObject({ digestMultibase: DigestMultibase }),
  })
  .refine(executionConsistent, {
    message: 'status must be "violated" exactly when violations are recorded, and completedAt ≥ startedAt',
    path: ['status'],
  });

const fields = {
  ...credentialBase('ExecutionOutcomeCredential'),
  validUntil: DateTime.optional(),
  credentialSubject: subject,
};

export const UnsignedExecutionOutcomeCredential = z.strictObject(fields);
export const ExecutionOutcomeCredential = z.strictObject({ ...fields, proof: AssertionProof });

export type ExecutionStatus = z.infer<typeof ExecutionStatus>;
export type Enforcement = z.infer<typeof Enforcement>;
export type UnsignedExecutionOutcomeCredential = z.infer<typeof UnsignedExecutionOutcomeCredential>;
export type ExecutionOutcomeCredential = z.infer<typeof ExecutionOutcomeCredential>;
