/**
 * W3C Data Integrity 1.0 §2.1 proof shapes and the options xprov uses with them.
 */
import type { DocumentLoader } from './documentLoader.js';

export const CRYPTOSUITES = ['eddsa-jcs-2022', 'eddsa-rdfc-2022'] as const;
export type Cryptosuite = (typeof CRYPTOSUITES)[number];

export type ProofPurpose = 'assertionMethod' | 'authentication' | 'capabilityInvocation' | 'capabilityDelegation';

export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: Cryptosuite;
  created?: string;
  expires?: string;
  verificationMethod: string;
  proofPurpose: ProofPurpose;
  challenge?: string;
  domain?: string | string[];
  nonce?: string;
  '@context'?: unknown;
  proofValue: string;
}

/** Any JSON-LD document (credential or presentation) before or after signing. */
export type JsonObject = Record<string, unknown>;

export type Signed<T extends JsonObject> = T & { proof: DataIntegrityProof };

export function isCryptosuite(value: unknown): value is Cryptosuite {
  return typeof value === 'string' && (CRYPTOSUITES as readonly string[]).includes(value);
}

/** XML Schema 1.1 dateTime (Data Integrity §2.1 `created`, `expires`). */
const XSD_DATETIME = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?$/;

export function isXsdDateTime(value: unknown): value is string {
  return typeof value === 'string' && XSD_DATETIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** A Date as `YYYY-MM-DDTHH:MM:SSZ` (no milliseconds, as xprov writes every time value). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Options shared by signing and hashing for JSON-LD processing. */
export interface JsonLdOptions {
  /** Defaults to the built-in static loader; it never fetches. */
  documentLoader?: DocumentLoader;
}
