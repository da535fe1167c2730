/**
 * The one static JSON-LD document loader (issue 2 item 4). It serves only contexts
 * bundled with the code; an unknown URL is `XP_CONTEXT_UNKNOWN` and never a network
 * request. The URL is attacker-controlled (it comes from a credential's `@context`).
 */
import * as credentialsContext from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import * as statusListContext from '@digitalbazaar/vc-bitstring-status-list-context';
import { XPROV_CONTEXT_URL, XprovError, xprovContext } from '@xprov/format';
import didContext from 'did-context';
import { CRYPTO_CODES } from './codes.js';

export const CREDENTIALS_V2_URL = 'https://www.w3.org/ns/credentials/v2';
/** VC Data Model 1.1: the W3C Data Integrity suites still test issuers with 1.1 credentials. */
export const CREDENTIALS_V1_URL = 'https://www.w3.org/2018/credentials/v1';
export const DATA_INTEGRITY_V2_URL = 'https://w3id.org/security/data-integrity/v2';
export const MULTIKEY_V1_URL = 'https://w3id.org/security/multikey/v1';
export const DID_V1_URL = 'https://www.w3.org/ns/did/v1';
export const STATUS_LIST_V1_URL = 'https://www.w3.org/ns/credentials/status/v1';
export const EXAMPLES_V2_URL = 'https://www.w3.org/ns/credentials/examples/v2';

/**
 * The W3C VC 2.0 examples context (https://www.w3.org/ns/credentials/examples/v2), written
 * out here: it maps every otherwise undefined term into the examples vocabulary. Needed for
 * the W3C test vectors and the VC test suites; xprov's own credentials never use it.
 */
export const examplesV2Context = {
  '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' },
} as const;

/** A jsonld.js / @digitalbazaar style remote document. */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

/** A loader that also answers synchronously whether it knows a URL (the eddsa-jcs-2022 fast path). */
export interface StaticDocumentLoader {
  (url: string): Promise<RemoteDocument>;
  has(url: string): boolean;
  urls(): string[];
}

/** The loader signature other libraries (jsonld, @digitalbazaar/vc) accept. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

function builtIns(): Map<string, unknown> {
  const docs = new Map<string, unknown>();
  for (const [url, doc] of credentialsContext.contexts) docs.set(url, doc);
  for (const [url, doc] of dataIntegrityContext.contexts) docs.set(url, doc);
  for (const [url, doc] of multikeyContext.contexts) docs.set(url, doc);
  for (const [url, doc] of didContext.contexts) docs.set(url, doc);
  for (const [url, doc] of statusListContext.contexts) docs.set(url, doc);
  docs.set(EXAMPLES_V2_URL, examplesV2Context);
  docs.set(XPROV_CONTEXT_URL, xprovContext);
  // Only the contexts this project names; drop anything else the packages happen to ship.
  for (const url of [...docs.keys()]) if (!ALLOWED.has(url)) docs.delete(url);
  return docs;
}

const ALLOWED = new Set([
  CREDENTIALS_V2_URL,
  CREDENTIALS_V1_URL,
  DATA_INTEGRITY_V2_URL,
  MULTIKEY_V1_URL,
  DID_V1_URL,
  STATUS_LIST_V1_URL,
  EXAMPLES_V2_URL,
  XPROV_CONTEXT_URL,
]);

let defaultDocs: Map<string, unknown> | undefined;

/**
 * Creates the static loader. `extra` adds documents (e.g. a test context or a DID document
 * a service wants JSON-LD to see); it cannot replace a built-in context.
 */
export function createDocumentLoader(options: { extra?: Record<string, unknown> } = {}): StaticDocumentLoader {
  defaultDocs ??= builtIns();
  const docs = new Map(defaultDocs);
  for (const [url, doc] of Object.entries(options.extra ?? {})) {
    if (docs.has(url)) {
      throw new XprovError(CRYPTO_CODES.CONTEXT_UNKNOWN, `${url} is a built-in context and cannot be replaced`);
    }
    docs.set(url, doc);
  }
  const loader = async (url: string): Promise<RemoteDocument> => {
    const document = typeof url === 'string' ? docs.get(url) : undefined;
    if (document === undefined) {
      throw new XprovError(CRYPTO_CODES.CONTEXT_UNKNOWN, `unknown JSON-LD document ${String(url)}; nothing is fetched`);
    }
    return { contextUrl: null, documentUrl: url, document };
  };
  return Object.assign(loader, {
    has: (url: string) => typeof url === 'string' && docs.has(url),
    urls: () => [...docs.keys()],
  });
}

let shared: StaticDocumentLoader | undefined;

/** The process-wide default loader (built-ins only). */
export function defaultDocumentLoader(): StaticDocumentLoader {
  shared ??= createDocumentLoader();
  return shared;
}
