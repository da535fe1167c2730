/**
 * eddsa-rdfc-2022 (W3C vc-di-eddsa §3.2): hashData = SHA-256(RDFC-1.0(proofConfig with the
 * document's @context)) ‖ SHA-256(RDFC-1.0(document without proof)). JSON-LD runs in safe
 * mode (an undefined term or a dropped value is an error, never silently unsigned) with the
 * static loader, so no context is ever fetched. `jsonld` is loaded lazily: the
 * eddsa-jcs-2022 path never pays for it.
 */
import { sha256, XprovError } from '@xprov/format';
import { CRYPTO_CODES } from './codes.js';
import type { DocumentLoader } from './documentLoader.js';
import type { JsonObject } from './proof.js';

type JsonLd = typeof import('jsonld').default;
let jsonldModule: Promise<JsonLd> | undefined;

function loadJsonLd(): Promise<JsonLd> {
  jsonldModule ??= import('jsonld').then((m) => m.default);
  return jsonldModule;
}

/** Finds an XprovError (e.g. XP_CONTEXT_UNKNOWN from the loader) wrapped inside jsonld's errors. */
function findXprovError(error: unknown, depth = 0): XprovError | undefined {
  if (depth > 8 || typeof error !== 'object' || error === null) return undefined;
  if (error instanceof XprovError) return error;
  const e = error as { cause?: unknown; details?: { cause?: unknown } };
  return findXprovError(e.cause, depth + 1) ?? findXprovError(e.details?.cause, depth + 1);
}

/** RDFC-1.0 N-Quads of a JSON-LD document; `XP_CONTEXT_UNKNOWN` or `XP_MALFORMED` on failure. */
export async function canonizeRdfc(document: JsonObject, documentLoader: DocumentLoader): Promise<string> {
  const jsonld = await loadJsonLd();
  try {
    return await jsonld.canonize(document, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      safe: true,
      base: null,
      documentLoader,
      canonizeOptions: { algorithm: 'RDFC-1.0', maxWorkFactor: 1 },
    });
  } catch (error) {
    const inner = findXprovError(error);
    if (inner) throw inner;
    const message = error instanceof Error ? error.message : String(error);
    throw new XprovError('XP_MALFORMED', `JSON-LD canonicalization (safe mode) failed: ${message}`, { cause: error });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** §3.2.4–3.2.5: proofConfig gets the document's @context, both are canonicalized and hashed. */
export async function rdfcHashData(
  unsecuredDocument: JsonObject,
  proofOptions: JsonObject,
  documentLoader: DocumentLoader,
): Promise<Uint8Array> {
  const proofConfig: JsonObject = { ...proofOptions, '@context': unsecuredDocument['@context'] };
  if (proofConfig['@context'] === undefined) {
    throw new XprovError(CRYPTO_CODES.CONTEXT_UNKNOWN, 'eddsa-rdfc-2022 needs a document with @context');
  }
  const [proofNQuads, docNQuads] = await Promise.all([
    canonizeRdfc(proofConfig, documentLoader),
    canonizeRdfc(unsecuredDocument, documentLoader),
  ]);
  return concat(sha256(proofNQuads), sha256(docNQuads));
}
