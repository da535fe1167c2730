/**
 * Builders of the agent's request and report presentations (DESIGN §2). Unsigned: the agent
 * signs them with proof purpose `authentication` and the governor's challenge (@xprov/crypto).
 */
import { XPROV_CONTEXTS } from '../context.js';
import { digestMultibase } from '../digest.js';
import { parseWith } from '../parse.js';
import type { CredentialRef, JsonObject } from '../schemas/common.js';
import type { AgentAuthorizationCredential } from '../schemas/grant.js';
import type { Enforcement, ExecutionStatus } from '../schemas/outcome.js';
import type { ExecutionPermitCredential } from '../schemas/permit.js';
import {
  UnsignedExecutionReportPresentation,
  UnsignedExecutionRequestPresentation,
} from '../schemas/presentations.js';
import { type TimeInput, toIsoSeconds } from '../time.js';
import { credentialRef, defined, newUrnUuid } from './common.js';
import type { z } from 'zod';

export interface RequestPresentationInput {
  agent: string;
  /** Signed grants, root first; the last one's subject is `agent`. */
  grants: readonly AgentAuthorizationCredential[];
  action: string;
  resource: string;
  parameters: z.infer<typeof JsonObject>;
  /** The outcome of the execution that caused this one (execution lineage). */
  parent?: z.infer<typeof CredentialRef> | undefined;
  id?: string | undefined;
}

export function buildRequestPresentation(input: RequestPresentationInput): UnsignedExecutionRequestPresentation {
  const vp = {
    '@context': [...XPROV_CONTEXTS],
    id: input.id ?? newUrnUuid(),
    type: ['VerifiablePresentation', 'ExecutionRequestPresentation'],
    holder: input.agent,
    verifiableCredential: [...input.grants],
    request: defined({
      action: input.action,
      resource: input.resource,
      parameters: input.parameters,
      parametersDigest: digestMultibase(input.parameters),
      parent: input.parent,
    }),
  };
  return parseWith(UnsignedExecutionRequestPresentation, vp, 'ExecutionRequestPresentation');
}

export interface ReportPresentationInput {
  agent: string;
  /** The signed permit the execution ran under. */
  permit: ExecutionPermitCredential;
  status: ExecutionStatus;
  startedAt: TimeInput;
  completedAt: TimeInput;
  resultDigest?: string | undefined;
  enforcement?: Enforcement | undefined;
  id?: string | undefined;
}

export function buildReportPresentation(input: ReportPresentationInput): UnsignedExecutionReportPresentation {
  const vp = {
    '@context': [...XPROV_CONTEXTS],
    id: input.id ?? newUrnUuid(),
    type: ['VerifiablePresentation', 'ExecutionReportPresentation'],
    holder: input.agent,
    report: defined({
      permit: credentialRef(input.permit),
      status: input.status,
      startedAt: toIsoSeconds(input.startedAt),
      completedAt: toIsoSeconds(input.completedAt),
      resultDigest: input.resultDigest,
      enforcement: input.enforcement ?? { events: [], violations: [] },
    }),
  };
  return parseWith(UnsignedExecutionReportPresentation, vp, 'ExecutionReportPresentation');
}
