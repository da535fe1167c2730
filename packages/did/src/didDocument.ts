/**
 * Minimal structural checks on a DID document received from outside (a web server or a
 * bundle): it is an object and its `id` is exactly the DID that was asked for
 * (DID Core 1.0 §7.1.2: the resolved document's id must match).
 */
import type { DIDDocument } from 'did-resolver';

export function isDidDocumentFor(value: unknown, did: string): value is DIDDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { id?: unknown }).id === did;
}
