/**
 * JSON-LD admission of a credential or presentation (VC 2.0 §4.3, §5.2.1, Data Integrity §4.1
 * "data loss"): the document is converted to RDF in JSON-LD safe mode with the static loader of
 * @xprov/crypto (bundled contexts only, nothing is fetched). Safe mode refuses undefined terms
 * and types, relative IRIs, protected-term redefinitions and malformed value objects; then every
 * IRI in the RDF must be a URL (url.ts). Base direction (VC 2.0 §11.1 `@direction`) is kept
 * with `rdfDirection: "i18n-datatype"` (JSON-LD 1.1 API §8.6) instead of being an error. This
 * runs for both cryptosuites, so an eddsa-jcs-2022 credential meets the same data model as an
 * rdfc one.
 */
import { defaultDocumentLoader } from '@xprov/crypto';
import { isXprovError, XprovError } from '@xprov/format';
import jsonld from 'jsonld';
import { isUrl } from './url.js';

/** IRIs of an N-Quads document (literals removed first, so `<` inside a string is not an IRI). */
export function nquadsIris(nquads: string): string[] {
  const withoutLiterals = nquads.replace(/"(?:[^"\\]|\\.)*"(\^\^<[^>]*>)?/g, '""');
  return [...withoutLiterals.matchAll(/<([^>]*)>/g)].map((m) => m[1] ?? '');
}

/** An XprovError (e.g. XP_CONTEXT_UNKNOWN from the loader) wrapped inside jsonld's errors. */
function inner(error: unknown, depth = 0): XprovError | undefined {
  if (depth > 8 || typeof error !== 'object' || error === null) return undefined;
  if (isXprovError(error)) return error;
  const e = error as { cause?: unknown; details?: { cause?: unknown } };
  return inner(e.cause, depth + 1) ?? inner(e.details?.cause, depth + 1);
}

export async function assertJsonLd(document: Record<string, unknown>): Promise<void> {
  let nquads: string;
  try {
    nquads = await jsonld.toRDF(document, {
      format: 'application/n-quads',
      safe: true,
      base: null,
      rdfDirection: 'i18n-datatype',
      documentLoader: defaultDocumentLoader(),
    });
  } catch (error) {
    const wrapped = inner(error);
    if (wrapped) throw wrapped;
    const message = error instanceof Error ? error.message : String(error);
    throw new XprovError('XP_MALFORMED', `JSON-LD (safe mode) refuses the document: ${message}`);
  }
  for (const iri of nquadsIris(nquads)) {
    if (!isUrl(iri)) throw new XprovError('XP_MALFORMED', `the document maps a term or identifier to ${iri}, which is not a URL`);
  }
}
