/**
 * `ExecutionPermitCredential` (DESIGN §2.2) and `ExecutionDenial` (§2.4), spec/credentials.md §3–4.
 * Both are issued by the governor; a denial has the permit's shape with `decision: "deny"` and
 * the failing codes.
 */
import { z } from 'zod';
import {
  Action,
  CredentialRef,
  credentialBase,
  DateTime,
  Did,
  DigestMultibase,
  ErrorCode,
  Json,
  JsonObject,
  Resource,
  unsignedAndSigned,
} from './common.js';

/** What was asked: the parameters themselves stay with the agent's presentation; the permit signs their digest. */
export const PermitRequest = z.strictObject({
  action: Action,
  resource: Resource,
  parametersDigest: DigestMultibase,
  parent: CredentialRef.optional(),
});

export const PolicyDecision = z.strictObject({
  digestMultibase: DigestMultibase,
  decision: z.enum(['allow', 'deny']),
  reasons: Json,
});

export const Evaluation = z.strictObject({
  engine: z.string().min(1),
  policies: z.array(PolicyDecision),
  contextDigest: DigestMultibase,
  evaluatedAt: DateTime,
});

export const PresentationRef = z.strictObject({ digestMultibase: DigestMultibase, challenge: z.string().min(1) });

const permitFields = {
  ...credentialBase('ExecutionPermitCredential'),
  validUntil: DateTime,
  credentialSubject: z.strictObject({
    id: Did,
    request: PermitRequest,
    authorization: z.array(CredentialRef).min(1),
    evaluation: Evaluation.refine((e) => e.policies.every((p) => p.decision === 'allow'), {
      message: 'a permit is issued only when every policy allows',
      path: ['policies'],
    }),
    presentation: PresentationRef,
    limits: JsonObject,
  }),
};

const permitSchemas = unsignedAndSigned(permitFields);
export const UnsignedExecutionPermitCredential = permitSchemas.unsigned;
export const ExecutionPermitCredential = permitSchemas.signed;

export const DenialFailure = z.strictObject({
  code: ErrorCode,
  message: z.string().optional(),
  credentialId: z.string().optional(),
});

const denialFields = {
  ...credentialBase('ExecutionDenial'),
  validUntil: DateTime.optional(),
  credentialSubject: z.strictObject({
    id: Did,
    request: PermitRequest,
    // A refusal can come before the chain is understood, so these may be partial or absent.
    authorization: z.array(CredentialRef),
    evaluation: Evaluation.optional(),
    presentation: PresentationRef.optional(),
    decision: z.literal('deny'),
    failures: z.array(DenialFailure).min(1),
  }),
};

const denialSchemas = unsignedAndSigned(denialFields);
export const UnsignedExecutionDenial = denialSchemas.unsigned;
export const ExecutionDenial = denialSchemas.signed;

export type PermitRequest = z.infer<typeof PermitRequest>;
export type PolicyDecision = z.infer<typeof PolicyDecision>;
export type Evaluation = z.infer<typeof Evaluation>;
export type PresentationRef = z.infer<typeof PresentationRef>;
export type DenialFailure = z.infer<typeof DenialFailure>;
export type UnsignedExecutionPermitCredential = z.infer<typeof UnsignedExecutionPermitCredential>;
export type ExecutionPermitCredential = z.infer<typeof ExecutionPermitCredential>;
export type UnsignedExecutionDenial = z.infer<typeof UnsignedExecutionDenial>;
export type ExecutionDenial = z.infer<typeof ExecutionDenial>;
