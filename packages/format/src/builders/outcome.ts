/**
 * Builder of `ExecutionOutcomeCredential` (DESIGN §2.3) from the signed permit and the agent's
 * signed report. Agent, action and resource come from the permit, never from the report, so
 * an outcome cannot claim a different scope. Unsigned.
 */
import { XPROV_CONTEXTS } from '../context.js';
import { digestMultibase } from '../digest.js';
import { XprovError } from '../errors.js';
import { parsePermit, parseReportPresentation, parseWith } from '../parse.js';
import type { Enforcement } from '../schemas/outcome.js';
import { UnsignedExecutionOutcomeCredential } from '../schemas/outcome.js';
import type { ExecutionPermitCredential } from '../schemas/permit.js';
import type { ExecutionReportPresentation } from '../schemas/presentations.js';
import { type TimeInput, toIsoSeconds } from '../time.js';
import { credentialRef, defined, newUrnUuid } from './common.js';

export interface OutcomeInput {
  /** The governor's DID. */
  issuer: string;
  permit: ExecutionPermitCredential;
  report: ExecutionReportPresentation;
  /** Violations the governor itself observed, added to the report's; any makes the status `violated`. */
  extraViolations?: readonly unknown[] | undefined;
  /** The outcome's issuance time. */
  validFrom: TimeInput;
  /** The execution's id (the subject); default a fresh urn:uuid. */
  executionId?: string | undefined;
  id?: string | undefined;
}

export function buildOutcome(input: OutcomeInput): UnsignedExecutionOutcomeCredential {
  const permit = parsePermit(input.permit);
  const report = parseReportPresentation(input.report);
  const permitRef = credentialRef(input.permit);
  if (report.report.permit.id !== permitRef.id || report.report.permit.digestMultibase !== permitRef.digestMultibase) {
    throw new XprovError('XP_OUTCOME_PERMIT_MISMATCH', 'the report does not reference this permit');
  }
  if (report.holder !== permit.credentialSubject.id) {
    throw new XprovError('XP_PRESENTATION_INVALID', 'the report is not the permitted agent’s');
  }
  const enforcement: Enforcement = {
    events: report.report.enforcement.events,
    violations: [...report.report.enforcement.violations, ...((input.extraViolations ?? []) as Enforcement['violations'])],
  };
  const credential = {
    '@context': [...XPROV_CONTEXTS],
    id: input.id ?? newUrnUuid(),
    type: ['VerifiableCredential', 'ExecutionOutcomeCredential'],
    issuer: input.issuer,
    validFrom: toIsoSeconds(input.validFrom),
    credentialSubject: defined({
      id: input.executionId ?? newUrnUuid(),
      permit: permitRef,
      agent: permit.credentialSubject.id,
      action: permit.credentialSubject.request.action,
      resource: permit.credentialSubject.request.resource,
      status: enforcement.violations.length > 0 ? 'violated' : report.report.status,
      startedAt: report.report.startedAt,
      completedAt: report.report.completedAt,
      resultDigest: report.report.resultDigest,
      enforcement,
      report: { digestMultibase: digestMultibase(input.report) },
    }),
  };
  return parseWith(UnsignedExecutionOutcomeCredential, credential, 'ExecutionOutcomeCredential');
}
