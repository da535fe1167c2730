/**
 * JSON-LD admission of a credential or presentation (VC 2.0 §4.3, §5.2.1, Data Integrity §4.1
 * "data loss"): the document is expanded and converted to RDF in JSON-LD safe mode with the
 * static loader of @xprov/crypto (bundled contexts only, nothing is fetched). Safe mode refuses
 * undefined terms and types, relative IRIs, protected-term redefinitions and malformed value
 * objects; then every IRI in the RDF must be a URL (url.ts). This runs for both cryptosuites,
 * so an eddsa-jcs-2022 credential is held to the same data model as an rdfc one.
 */
import { canonizeRdfc, defaultDocumentLoader } from '@xprov/crypto';
import { XprovError } from '@xprov/format';
import { isUrl } from './url.js';

/** IRIs of an N-Quads document (literals removed first, so `<` inside a string is not an IRI). */
export function nquadsIris(nquads: string): string[] {
  const withoutLiterals = nquads.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...withoutLiterals.matchAll(/<([^>]*)>/g)].map((m) => m[1] ?? '');
}

export async function assertJsonLd(document: Record<string, unknown>): Promise<void> {
  const nquads = await canonizeRdfc(document, defaultDocumentLoader());
  for (const iri of nquadsIris(nquads)) {
    if (!isUrl(iri)) throw new XprovError('XP_MALFORMED', `the document maps a term or identifier to ${iri}, which is not a URL`);
  }
}
