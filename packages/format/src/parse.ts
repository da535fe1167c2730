/**
 * `parse*` entry points: validate attacker-supplied JSON against the schemas. A failure is
 * `XP_MALFORMED` (DESIGN §4) with the zod issues (path, message) in `details`; nothing is
 * coerced, stripped or defaulted, so a parsed credential digests exactly as its input did.
 */
import type { z } from 'zod';
import { XprovError } from './errors.js';
import { ProvenanceBundle } from './schemas/bundle.js';
import { AgentAuthorizationCredential, UnsignedAgentAuthorizationCredential } from './schemas/grant.js';
import { LogEntry } from './schemas/log-entry.js';
import { ExecutionOutcomeCredential } from './schemas/outcome.js';
import { ExecutionDenial, ExecutionPermitCredential } from './schemas/permit.js';
import { ExecutionReportPresentation, ExecutionRequestPresentation } from './schemas/presentations.js';
import { Receipt } from './schemas/receipt.js';
import { TrustFile } from './schemas/trust-file.js';

export interface MalformedIssue {
  path: (string | number)[];
  message: string;
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues: MalformedIssue[] = r.error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
  }));
  const first = issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  throw new XprovError('XP_MALFORMED', `not a valid ${what}${where}: ${first?.message ?? 'invalid'}`, {
    details: { type: what, issues },
  });
}

export const parseGrant = (input: unknown) =>
  parseWith(AgentAuthorizationCredential, input, 'AgentAuthorizationCredential');
export const parseUnsignedGrant = (input: unknown) =>
  parseWith(UnsignedAgentAuthorizationCredential, input, 'AgentAuthorizationCredential');
export const parsePermit = (input: unknown) => parseWith(ExecutionPermitCredential, input, 'ExecutionPermitCredential');
export const parseOutcome = (input: unknown) =>
  parseWith(ExecutionOutcomeCredential, input, 'ExecutionOutcomeCredential');
export const parseDenial = (input: unknown) => parseWith(ExecutionDenial, input, 'ExecutionDenial');
export const parseRequestPresentation = (input: unknown) =>
  parseWith(ExecutionRequestPresentation, input, 'ExecutionRequestPresentation');
export const parseReportPresentation = (input: unknown) =>
  parseWith(ExecutionReportPresentation, input, 'ExecutionReportPresentation');
export const parseBundle = (input: unknown) => parseWith(ProvenanceBundle, input, 'ProvenanceBundle');
export const parseReceipt = (input: unknown) => parseWith(Receipt, input, 'Receipt');
export const parseLogEntry = (input: unknown) => parseWith(LogEntry, input, 'LogEntry');
export const parseTrustFile = (input: unknown) => parseWith(TrustFile, input, 'TrustFile');
