/**
 * JSON Schema (draft 2020-12) renderings of the zod schemas, committed as
 * `spec/schemas/<Type>.schema.json` for implementations in other languages. The zod schemas stay
 * the source of truth: cross-field rules (validUntil after validFrom, digests of parameters, …)
 * are refinements that JSON Schema cannot express and are stated in spec/credentials.md instead.
 */
import { z } from 'zod';
import { ProvenanceBundle } from './schemas/bundle.js';
import { AgentAuthorizationCredential } from './schemas/grant.js';
import { LogEntry } from './schemas/log-entry.js';
import { ExecutionOutcomeCredential } from './schemas/outcome.js';
import { ExecutionDenial, ExecutionPermitCredential } from './schemas/permit.js';
import { ExecutionReportPresentation, ExecutionRequestPresentation } from './schemas/presentations.js';
import { Receipt } from './schemas/receipt.js';
import { TrustFile } from './schemas/trust-file.js';

export const SCHEMAS = {
  AgentAuthorizationCredential,
  ExecutionPermitCredential,
  ExecutionOutcomeCredential,
  ExecutionDenial,
  ExecutionRequestPresentation,
  ExecutionReportPresentation,
  ProvenanceBundle,
  Receipt,
  LogEntry,
  TrustFile,
} as const;

export const SCHEMA_BASE_URL = 'https://w3id.org/xprov/schemas/';

/** `{ "<Type>.schema.json": "<file text>" }` for every schema, deterministic. */
export function jsonSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
    const doc = { ...json, $id: `${SCHEMA_BASE_URL}${name}.schema.json`, title: name };
    files[`${name}.schema.json`] = `${JSON.stringify(doc, null, 2)}\n`;
  }
  return files;
}
