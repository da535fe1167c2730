/**
 * in-toto Statement v1 (in-toto attestation framework, spec/v1/statement.md) for one xprov
 * execution (spec/attestation.md §2): subjects are the outcome's result digest and the digest of
 * every credential of the chain; the predicate is the xprov execution predicate.
 */
import { XprovError, type ProvenanceBundle } from '@xprov/format';
import { z } from 'zod';
import { INTEROP_CODES } from './codes.js';
import { credentialDigest, multibaseToSha256Hex } from './digests.js';
import { EXECUTION_PREDICATE_TYPE, ExecutionPredicate, buildPredicate } from './predicate.js';

export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** in-toto ResourceDescriptor, restricted to what xprov writes (name, sha256 digest, annotations). */
export const Subject = z.strictObject({
  name: z.string().min(1),
  digest: z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  annotations: z.strictObject({ type: z.string().min(1), role: z.enum(['grant', 'permit', 'outcome', 'result']) }),
});

export const ExecutionStatement = z.strictObject({
  _type: z.literal(IN_TOTO_STATEMENT_TYPE),
  subject: z.array(Subject).min(1),
  predicateType: z.literal(EXECUTION_PREDICATE_TYPE),
  predicate: ExecutionPredicate,
});

export type Subject = z.infer<typeof Subject>;
export type ExecutionStatement = z.infer<typeof ExecutionStatement>;

type Executed = ProvenanceBundle & {
  permit: NonNullable<ProvenanceBundle['permit']>;
  outcome: NonNullable<ProvenanceBundle['outcome']>;
};

/** A bundle the Sigstore export supports: one with a permit and an outcome (not a denial). */
export function assertExecuted(bundle: ProvenanceBundle): asserts bundle is Executed {
  if (!bundle.permit || !bundle.outcome) {
    throw new XprovError(INTEROP_CODES.EXPORT_UNSUPPORTED, 'only bundles with a permit and an outcome are exported as attestations');
  }
}

const typeOf = (c: { type: string[] }) => c.type.find((t) => t !== 'VerifiableCredential') ?? 'VerifiableCredential';

/** Builds the Statement of an executed bundle (deterministic: same bundle, same Statement). */
export function buildStatement(bundle: Executed, verification?: { executionTime: string }): ExecutionStatement {
  const digests = new Map<string, string>();
  const subject: Subject[] = [];
  const add = (c: Executed['grants'][number] | Executed['permit'] | Executed['outcome'], role: Subject['annotations']['role']) => {
    const d = credentialDigest(c);
    digests.set(c.id, d.multibase);
    subject.push({ name: c.id, digest: { sha256: d.hex }, annotations: { type: typeOf(c), role } });
  };
  for (const g of bundle.grants) add(g, 'grant');
  add(bundle.permit, 'permit');
  add(bundle.outcome, 'outcome');
  const result = bundle.outcome.credentialSubject.resultDigest;
  if (result !== undefined) {
    subject.unshift({
      name: `${bundle.outcome.credentialSubject.id}#result`,
      digest: { sha256: multibaseToSha256Hex(result, 'XP_MALFORMED') },
      annotations: { type: 'ExecutionResult', role: 'result' },
    });
  }
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject,
    predicateType: EXECUTION_PREDICATE_TYPE,
    predicate: buildPredicate(bundle, digests, verification),
  };
}

/** Parses a Statement payload (`XP_ATTESTATION_MALFORMED`). Attacker-controlled bytes. */
export function parseStatement(payload: Uint8Array): ExecutionStatement {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (cause) {
    throw new XprovError(INTEROP_CODES.ATTESTATION_MALFORMED, 'the DSSE payload is not UTF-8 JSON', { cause });
  }
  const r = ExecutionStatement.safeParse(json);
  if (!r.success) {
    throw new XprovError(INTEROP_CODES.ATTESTATION_MALFORMED, 'the DSSE payload is not an xprov execution Statement', {
      details: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  return r.data;
}
