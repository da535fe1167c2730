/**
 * `ProvenanceBundle` (DESIGN §4, spec/bundle.md): everything needed to verify one execution
 * offline. The whole bundle is attacker-supplied; its shape is checked here, its meaning by the
 * verifier.
 */
import { z } from 'zod';
import { Did } from './common.js';
import { AgentAuthorizationCredential } from './grant.js';
import { ExecutionOutcomeCredential } from './outcome.js';
import { ExecutionDenial, ExecutionPermitCredential } from './permit.js';
import { ExecutionReportPresentation, ExecutionRequestPresentation } from './presentations.js';
import { ConsistencyProof, CoseReceiptRef, Receipt, SignedNoteText } from './receipt.js';

/**
 * A Bitstring Status List credential as it was logged (Bitstring Status List v1.0 §2.2). Kept
 * loose: its issuer may be another implementation; the verifier checks its proof and list.
 */
export const BitstringStatusListCredential = z.looseObject({
  '@context': z.array(z.string()).min(1),
  id: z.string().min(1),
  type: z.array(z.string()).refine((t) => t.includes('BitstringStatusListCredential'), 'a BitstringStatusListCredential'),
  issuer: z.union([Did, z.looseObject({ id: Did })]),
  credentialSubject: z.looseObject({
    type: z.literal('BitstringStatusList'),
    statusPurpose: z.union([z.string(), z.array(z.string())]),
    encodedList: z.string().regex(/^u[A-Za-z0-9_-]+$/, 'multibase base64url (u…)'),
  }),
  proof: z.looseObject({ type: z.string() }).optional(),
});

/** A DID document carried for a non-`did:key` DID; resolved by @xprov/did, shape-checked there. */
export const DidDocument = z.looseObject({ id: Did });

export const ProvenanceBundle = z
  .strictObject({
    type: z.literal('ProvenanceBundle'),
    version: z.literal(1),
    /** Root first, then each delegation. */
    grants: z.array(AgentAuthorizationCredential).min(1),
    permit: ExecutionPermitCredential.optional(),
    outcome: ExecutionOutcomeCredential.optional(),
    denial: ExecutionDenial.optional(),
    presentations: z.strictObject({
      request: ExecutionRequestPresentation.optional(),
      report: ExecutionReportPresentation.optional(),
    }),
    /** One per logged credential (spec/bundle.md rule 5), here or in `coseReceipts`. */
    receipts: z.array(Receipt),
    /** Receipts in the RFC 9942 COSE form (spec/bundle.md rule 5, spec/log-entry.md §4). */
    coseReceipts: z.array(CoseReceiptRef).optional(),
    statusLists: z.array(BitstringStatusListCredential),
    didDocuments: z.record(Did, DidDocument),
    /** Later checkpoints of the same logs, for consistency proofs (spec/bundle.md §3). */
    checkpoints: z.array(SignedNoteText).optional(),
    /** Consistency proofs between checkpoints of one log (spec/bundle.md rule 10). */
    consistencyProofs: z.array(ConsistencyProof).max(256).optional(),
  })
  .refine((b) => (b.denial === undefined) !== (b.permit === undefined), {
    message: 'a bundle has either a permit or a denial',
    path: ['permit'],
  })
  .refine((b) => b.denial === undefined || b.outcome === undefined, {
    message: 'a denial bundle has no outcome',
    path: ['outcome'],
  })
  .refine((b) => Object.entries(b.didDocuments).every(([did, doc]) => doc.id === did), {
    message: 'each DID document is filed under its own id',
    path: ['didDocuments'],
  });

export type BitstringStatusListCredential = z.infer<typeof BitstringStatusListCredential>;
export type DidDocument = z.infer<typeof DidDocument>;
export type ProvenanceBundle = z.infer<typeof ProvenanceBundle>;
