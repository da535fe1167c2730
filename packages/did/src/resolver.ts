/**
 * The xprov resolver: did-resolver 6's `Resolver` with did:key always, did:web when a
 * `fetch` is given, and bundle documents first for any non-did:key method.
 */
import { XprovError } from '@xprov/format';
import { type DIDDocument, type DIDResolver, Resolver } from 'did-resolver';
import { DID_CODES } from './codes.js';
import { bundleResolver, type DidWebOptions, didKeyResolver, didWebResolver } from './resolvers.js';

export interface CreateResolverOptions {
  /** DID documents carried in a bundle, keyed by DID. */
  documents?: Record<string, unknown>;
  /** Enables did:web over the network. Without it, did:web resolves only from `documents`. */
  web?: DidWebOptions;
}

export function createResolver(options: CreateResolverOptions = {}): Resolver {
  const documents = options.documents ?? {};
  const web: DIDResolver | undefined = options.web ? didWebResolver(options.web) : undefined;
  const registry: Record<string, DIDResolver> = { key: didKeyResolver };
  const methods = new Set<string>(['web']);
  for (const did of Object.keys(documents)) {
    const method = /^did:([a-z0-9]+):/.exec(did)?.[1];
    if (method && method !== 'key') methods.add(method);
  }
  for (const method of methods) {
    registry[method] = bundleResolver(documents, method === 'web' ? web : undefined);
  }
  return new Resolver(registry, { cache: false });
}

/**
 * Resolves a DID (or DID URL) to its document, or throws: `XP_DID_INVALID`,
 * `XP_DID_METHOD_UNSUPPORTED`, `XP_DID_UNRESOLVED`.
 */
export async function resolveDid(resolver: Pick<Resolver, 'resolve'>, did: string): Promise<DIDDocument> {
  let res: Awaited<ReturnType<Resolver['resolve']>>;
  try {
    res = await resolver.resolve(did);
  } catch (cause) {
    throw new XprovError(DID_CODES.UNRESOLVED, `resolving ${String(did)} failed`, { cause });
  }
  const error = res.didResolutionMetadata.error;
  const detail = typeof res.didResolutionMetadata.message === 'string' ? `: ${res.didResolutionMetadata.message}` : '';
  if (error === 'invalidDid') throw new XprovError(DID_CODES.INVALID, `${String(did)} is not a valid DID${detail}`);
  if (error === 'unsupportedDidMethod') {
    throw new XprovError(DID_CODES.METHOD_UNSUPPORTED, `${String(did)}: unsupported DID method`);
  }
  if (error !== undefined || res.didDocument === null) {
    throw new XprovError(DID_CODES.UNRESOLVED, `${String(did)} could not be resolved${detail}`);
  }
  return res.didDocument;
}
