/**
 * Step 4: DID resolution without the network (spec/verification.md 4.1). did:key is derived;
 * any other DID must come from the bundle's `didDocuments` (attacker-supplied, so a document only
 * ever speaks for its own id) or, when the caller enables it, from online resolution.
 * Verification methods are then resolved by @xprov/did over exactly the documents gathered here,
 * which checks the purpose relationship and the controller (CID 1.0 §3.3).
 */
import { parseDidKey, type ResolveVerificationMethod } from '@xprov/crypto';
import { createResolver, verificationMethodResolver } from '@xprov/did';
import type { JsonObject } from './types.js';

export type DidDocuments = Map<string, JsonObject>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The DID of a DID URL (`did:…#frag` → `did:…`). */
export function didOf(didUrl: string): string {
  const i = didUrl.search(/[#?/]/u);
  return i < 0 ? didUrl : didUrl.slice(0, i);
}

export function isDidKey(did: string): boolean {
  if (!did.startsWith('did:key:')) return false;
  try {
    parseDidKey(did);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves every DID in `dids` into `documents` (did:key entries are implicit). Returns the DIDs
 * that could not be resolved.
 */
export async function resolveDids(
  dids: Iterable<string>,
  bundleDocuments: Record<string, JsonObject>,
  resolveDid: ((did: string) => Promise<unknown>) | undefined,
  documents: DidDocuments,
): Promise<Set<string>> {
  const unresolved = new Set<string>();
  for (const did of dids) {
    if (documents.has(did) || isDidKey(did)) continue;
    const carried = Object.hasOwn(bundleDocuments, did) ? bundleDocuments[did] : undefined;
    if (isObject(carried) && carried.id === did) {
      documents.set(did, carried);
      continue;
    }
    if (resolveDid && did.startsWith('did:web:')) {
      try {
        const doc = await resolveDid(did);
        if (isObject(doc) && doc.id === did) {
          documents.set(did, doc);
          continue;
        }
      } catch {
        // falls through: unresolved (inconclusive), never treated as valid
      }
    }
    unresolved.add(did);
  }
  return unresolved;
}

/** A ResolveVerificationMethod (for @xprov/crypto) over did:key and the resolved documents, via @xprov/did. */
export function vmResolver(documents: DidDocuments): ResolveVerificationMethod {
  return verificationMethodResolver(createResolver({ documents: Object.fromEntries(documents) }));
}
