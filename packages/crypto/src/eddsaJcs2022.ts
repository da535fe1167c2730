/**
 * eddsa-jcs-2022 (W3C vc-di-eddsa §3.3): hashData = SHA-256(JCS(proofConfig)) ‖
 * SHA-256(JCS(document without proof)). No JSON-LD processing at all.
 */
import { type JcsMemo, jcs, sha256 } from '@xprov/format';
import type { JsonObject } from './proof.js';

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * §3.3.6 Hashing, given the unsecured document and the proof configuration (proofValue removed).
 * `memo` (optional) shares canonical texts with other JCS calls of the caller's scope.
 */
export function jcsHashData(unsecuredDocument: JsonObject, proofConfig: JsonObject, memo?: JcsMemo): Uint8Array {
  return concat(sha256(jcs(proofConfig, memo)), sha256(jcs(unsecuredDocument, memo)));
}

/**
 * §3.3.2 Verify Proof steps 4–5: when the proof carries `@context`, the document's
 * `@context` must start with it (same order), and the document is hashed with the proof's
 * `@context`. Returns undefined when the prefix check fails.
 */
export function jcsDocumentForVerify(unsecuredDocument: JsonObject, proofOptions: JsonObject): JsonObject | undefined {
  if (!('@context' in proofOptions)) return unsecuredDocument;
  const proofContext = asArray(proofOptions['@context']);
  const docContext = asArray(unsecuredDocument['@context']);
  for (let i = 0; i < proofContext.length; i++) {
    if (!sameJson(proofContext[i], docContext[i])) return undefined;
  }
  return { ...unsecuredDocument, '@context': proofOptions['@context'] };
}

function asArray(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  try {
    return a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
