/** Builders of `ExecutionPermitCredential` and `ExecutionDenial` (DESIGN §2.2, §2.4). Unsigned. */
import { XPROV_CONTEXTS } from '../context.js';
import { parseWith } from '../parse.js';
import type { JsonObject } from '../schemas/common.js';
import {
  type DenialFailure,
  type Evaluation,
  type PermitRequest,
  type PresentationRef,
  UnsignedExecutionDenial,
  UnsignedExecutionPermitCredential,
} from '../schemas/permit.js';
import { addSeconds, type TimeInput, toIsoSeconds } from '../time.js';
import { defined, newUrnUuid } from './common.js';
import type { z } from 'zod';

/** DESIGN §2.2: a permit is short-lived. */
export const DEFAULT_PERMIT_TTL_SECONDS = 60;

export interface PermitInput {
  /** The governor's DID. */
  issuer: string;
  agent: string;
  request: PermitRequest;
  /** The grant chain as references, root first (see `credentialRef`). */
  authorization: readonly { id: string; digestMultibase: string }[];
  evaluation: Evaluation;
  /** Digest of the agent's request presentation and the challenge it answered. */
  presentation: PresentationRef;
  limits?: z.infer<typeof JsonObject> | undefined;
  validFrom: TimeInput;
  /** Default: validFrom + `ttlSeconds`. */
  validUntil?: TimeInput | undefined;
  ttlSeconds?: number | undefined;
  id?: string | undefined;
}

export interface BuildOptions {
  /**
   * Default true: the built credential is checked against its schema (XP_MALFORMED if not). A
   * caller whose every input is already schema-checked or computed by itself (the governor's
   * gate, which parsed the presentation and the limits) may pass false to skip this second
   * check on its hot path; the output is the same object either way.
   */
  validate?: boolean;
}

export function buildPermit(input: PermitInput, options: BuildOptions = {}): UnsignedExecutionPermitCredential {
  const validFrom = toIsoSeconds(input.validFrom);
  const credential = {
    '@context': [...XPROV_CONTEXTS],
    id: input.id ?? newUrnUuid(),
    type: ['VerifiableCredential', 'ExecutionPermitCredential'],
    issuer: input.issuer,
    validFrom,
    validUntil:
      input.validUntil !== undefined
        ? toIsoSeconds(input.validUntil)
        : addSeconds(validFrom, input.ttlSeconds ?? DEFAULT_PERMIT_TTL_SECONDS),
    credentialSubject: {
      id: input.agent,
      request: defined({ ...input.request }),
      authorization: [...input.authorization],
      evaluation: input.evaluation,
      presentation: input.presentation,
      limits: input.limits ?? {},
    },
  };
  if (options.validate === false) return credential as UnsignedExecutionPermitCredential;
  return parseWith(UnsignedExecutionPermitCredential, credential, 'ExecutionPermitCredential');
}

export interface DenialInput {
  issuer: string;
  agent: string;
  request: PermitRequest;
  authorization?: readonly { id: string; digestMultibase: string }[] | undefined;
  evaluation?: Evaluation | undefined;
  presentation?: PresentationRef | undefined;
  failures: readonly DenialFailure[];
  validFrom: TimeInput;
  id?: string | undefined;
}

export function buildDenial(input: DenialInput): UnsignedExecutionDenial {
  const credential = {
    '@context': [...XPROV_CONTEXTS],
    id: input.id ?? newUrnUuid(),
    type: ['VerifiableCredential', 'ExecutionDenial'],
    issuer: input.issuer,
    validFrom: toIsoSeconds(input.validFrom),
    credentialSubject: defined({
      id: input.agent,
      request: defined({ ...input.request }),
      authorization: [...(input.authorization ?? [])],
      evaluation: input.evaluation,
      presentation: input.presentation,
      decision: 'deny',
      failures: input.failures.map((f) => defined({ ...f })),
    }),
  };
  return parseWith(UnsignedExecutionDenial, credential, 'ExecutionDenial');
}
