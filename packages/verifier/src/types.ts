/**
 * The verifier's structural view of the values it reads (spec/verification.md §0). The schemas in
 * @xprov/format are the source of truth and run first (step 2.1); these interfaces only name the
 * fields later steps read, so a schema change that keeps them does not touch the verifier.
 * Everything here is attacker-controlled bundle content.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = Record<string, unknown>;

export interface Proof {
  type: string;
  cryptosuite: string;
  verificationMethod: string;
  proofPurpose: string;
  challenge?: string;
  proofValue: string;
}

export interface CredentialRef {
  id: string;
  digestMultibase: string;
}

export interface Credential extends JsonObject {
  id: string;
  type: string[];
  issuer: string;
  validFrom: string;
  validUntil?: string;
  proof: Proof;
}

export interface GrantCredential extends Credential {
  parent?: CredentialRef;
  credentialSubject: {
    id: string;
    grant: {
      actions: string[];
      resources: string[];
      policy?: { language: string; digestMultibase: string; source: string };
      maxDelegationDepth: number;
    };
  };
  credentialStatus?: {
    type: string;
    statusPurpose: string;
    statusListIndex: string;
    statusListCredential: string;
  };
}

export interface PermitRequest {
  action: string;
  resource: string;
  parametersDigest: string;
  parent?: CredentialRef;
}

export interface PolicyDecisionRecord {
  digestMultibase: string;
  decision: string;
  reasons?: unknown;
}

export interface PermitCredential extends Credential {
  credentialSubject: {
    id: string;
    request: PermitRequest;
    authorization: CredentialRef[];
    evaluation: { engine?: string; policies: PolicyDecisionRecord[]; evaluatedAt: string; decision?: string };
    presentation?: { digestMultibase: string; challenge: string };
    limits?: unknown;
    codes?: string[];
    reasons?: unknown;
  };
}

export interface OutcomeCredential extends Credential {
  credentialSubject: {
    id: string;
    permit: CredentialRef;
    agent: string;
    action: string;
    resource: string;
    status: string;
    startedAt: string;
    completedAt: string;
    resultDigest?: string;
    enforcement: { events?: unknown[]; violations?: unknown[] };
    report: { digestMultibase: string; challenge?: string };
  };
}

export interface StatusListCredential extends Credential {
  credentialSubject: { id?: string; type?: string; statusPurpose?: string; encodedList: string; statusSize?: number };
}

export interface Presentation extends JsonObject {
  id?: string;
  type: string[];
  holder: string;
  verifiableCredential?: unknown[];
  proof: Proof;
}

/** The JSON receipt and consistency proofs are @xprov/format's (spec/log-entry.md §3, spec/bundle.md). */
export type { ConsistencyProof as ConsistencyProofRecord, Receipt } from '@xprov/format';
import type { ConsistencyProof, Receipt } from '@xprov/format';

export interface Bundle {
  type: string;
  version: number;
  grants: GrantCredential[];
  permit?: PermitCredential;
  outcome?: OutcomeCredential;
  denial?: PermitCredential;
  presentations: { request?: Presentation; report?: Presentation };
  receipts: Receipt[];
  statusLists: StatusListCredential[];
  didDocuments: Record<string, JsonObject>;
  checkpoints: string[];
  consistencyProofs: ConsistencyProof[];
}

export interface TrustedLog {
  origin: string;
  vkey: string;
}

export interface Trust {
  authorities: string[];
  governors: string[];
  logs: TrustedLog[];
  witnesses: { keys: string[]; threshold: number };
  allowedCryptosuites: string[];
  maxClockSkewSeconds: number;
}
