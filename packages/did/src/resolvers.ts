/**
 * did-resolver 6 method drivers: did:key (derived, no I/O), did:web (the caller injects
 * `fetch`; this package never touches the network itself), and DID documents carried in a
 * bundle (offline verification, DESIGN §4).
 */
import { didKeyDocument } from '@xprov/crypto';
import type { DIDResolutionResult, DIDResolver, ParsedDID } from 'did-resolver';
import { isDidDocumentFor } from './didDocument.js';
import { didWebToUrl } from './didWebUrl.js';

const JSON_LD_DID = 'application/did+ld+json';

function result(didDocument: unknown): DIDResolutionResult {
  return {
    didResolutionMetadata: { contentType: JSON_LD_DID },
    didDocument: didDocument as DIDResolutionResult['didDocument'],
    didDocumentMetadata: {},
  };
}

function failure(error: string, message: string): DIDResolutionResult {
  return { didResolutionMetadata: { error, message }, didDocument: null, didDocumentMetadata: {} };
}

/** did:key → its Multikey document, computed from the DID itself. */
export const didKeyResolver: DIDResolver = async (_did: string, parsed: ParsedDID) => {
  try {
    return result(didKeyDocument(parsed.did));
  } catch (error) {
    return failure('invalidDid', error instanceof Error ? error.message : 'not an Ed25519 did:key');
  }
};

export interface DidWebOptions {
  /** The fetch to use (global fetch in a service; a loopback-rewriting one in tests). */
  fetch: typeof globalThis.fetch;
  /** Abort after this long; default 5000 ms. */
  timeoutMs?: number;
  /** Refuse larger documents; default 256 KiB. */
  maxBytes?: number;
}

/** did:web: GET the mapped https URL; no redirects; JSON; `id` must equal the DID. */
export function didWebResolver(options: DidWebOptions): DIDResolver {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? 256 * 1024;
  return async (_did: string, parsed: ParsedDID) => {
    let url: URL;
    try {
      url = didWebToUrl(parsed.did);
    } catch (error) {
      return failure('invalidDid', error instanceof Error ? error.message : 'invalid did:web');
    }
    let text: string;
    try {
      const response = await options.fetch(url, {
        headers: { accept: 'application/did+json, application/did+ld+json, application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) return failure('notFound', `${url} answered ${response.status}`);
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > maxBytes) return failure('notFound', `${url} is larger than ${maxBytes} bytes`);
      text = await response.text();
      if (new TextEncoder().encode(text).length > maxBytes) return failure('notFound', `${url} is too large`);
    } catch (error) {
      return failure('notFound', `fetching ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return failure('notFound', `${url} is not JSON`);
    }
    if (!isDidDocumentFor(document, parsed.did)) return failure('notFound', `the document at ${url} is not ${parsed.did}'s`);
    return result(document);
  };
}

/**
 * Resolves from DID documents carried in a bundle (`{[did]: document}`), falling back to
 * `fallback` (e.g. did:web over the network with `--online`) for DIDs not in it.
 * A carried document whose `id` is not its key is never returned.
 */
export function bundleResolver(documents: Record<string, unknown>, fallback?: DIDResolver): DIDResolver {
  return async (did, parsed, resolver, options) => {
    if (Object.hasOwn(documents, parsed.did)) {
      const doc = documents[parsed.did];
      if (!isDidDocumentFor(doc, parsed.did)) {
        return failure('notFound', `the bundled document for ${parsed.did} has another id`);
      }
      return result(doc);
    }
    if (fallback) return fallback(did, parsed, resolver, options);
    return failure('notFound', `${parsed.did} is not in the bundle and resolution is offline`);
  };
}
