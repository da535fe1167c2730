/**
 * Context admission: every `@context` entry of an attacker-supplied document must be a
 * URL the static loader knows (or an inline object). This is all eddsa-jcs-2022 does with
 * JSON-LD; it never expands anything. Unknown URLs are `XP_CONTEXT_UNKNOWN`.
 */
import { XprovError } from '@xprov/format';
import { CRYPTO_CODES } from './codes.js';
import type { DocumentLoader, StaticDocumentLoader } from './documentLoader.js';

function isStatic(loader: DocumentLoader): loader is StaticDocumentLoader {
  return typeof (loader as Partial<StaticDocumentLoader>).has === 'function';
}

export function contextEntries(context: unknown): unknown[] {
  if (context === undefined) return [];
  return Array.isArray(context) ? context : [context];
}

/** Throws `XP_CONTEXT_UNKNOWN` for an unknown URL and `XP_MALFORMED` for a non-context value. */
export async function assertContextsKnown(context: unknown, loader: DocumentLoader): Promise<void> {
  for (const entry of contextEntries(context)) {
    if (typeof entry === 'string') {
      if (isStatic(loader)) {
        if (!loader.has(entry)) {
          throw new XprovError(CRYPTO_CODES.CONTEXT_UNKNOWN, `unknown JSON-LD context ${entry}; nothing is fetched`);
        }
      } else {
        await loader(entry); // a custom loader answers by throwing
      }
    } else if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new XprovError('XP_MALFORMED', '@context entries are URLs or objects');
    }
  }
}
