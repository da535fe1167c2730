/**
 * The JSON Schema (draft 2020-12) of the execution predicate, committed as
 * spec/schemas/interop/xprov-execution-predicate.schema.json for policy engines and other languages.
 * Generated from the zod schema (the source of truth); a test fails when the file is stale.
 */
import { z } from 'zod';
import { EXECUTION_PREDICATE_TYPE, ExecutionPredicate } from './predicate.js';

export const PREDICATE_SCHEMA_ID = 'https://w3id.org/xprov/schemas/xprov-execution-predicate.schema.json';

export function predicateJsonSchemaText(): string {
  const json = z.toJSONSchema(ExecutionPredicate, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  const doc = {
    ...json,
    $id: PREDICATE_SCHEMA_ID,
    title: 'xprov execution predicate',
    description: `in-toto predicate of predicateType ${EXECUTION_PREDICATE_TYPE} (spec/attestation.md §3)`,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
