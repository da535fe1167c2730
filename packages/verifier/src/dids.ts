/**
 * Step 4: DID resolution without the network (spec/verification.md 4.1). did:key is derived;
 * any other DID must come from the bundle's `didDocuments` (attacker-supplied, so a document only
 * ever speaks for its own id) or, when the caller enables it, from online resolution.
 *
 * Local equivalent of the bundle resolver of @xprov/did (not yet published when this was written):
 * it finds a verification method in a DID document and checks that the document authorizes it for
 * the proof purpose (CID 1.0 §3.3 "Retrieve Verification Method").
 */
import { parseDidKey, type ProofPurpose, type ResolvedVerificationMethod, resolveDidKeyVerificationMethod } from '@xprov/crypto';
import { XprovError } from '@xprov/format';
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

function absolute(did: string, ref: string): string {
  return ref.startsWith('#') ? did + ref : ref;
}

/** A ResolveVerificationMethod over did:key and the resolved documents. */
export function verificationMethodResolver(documents: DidDocuments) {
  return async (id: string, purpose: ProofPurpose): Promise<ResolvedVerificationMethod> => {
    const did = didOf(id);
    if (isDidKey(did)) return resolveDidKeyVerificationMethod(id, purpose);
    const doc = documents.get(did);
    if (!doc) throw new XprovError('XP_DID_UNRESOLVED', `no DID document for ${did}`);
    const relationship = doc[purpose];
    const authorized = Array.isArray(relationship) ? relationship : [];
    const methods = Array.isArray(doc.verificationMethod) ? doc.verificationMethod : [];
    let method: unknown;
    for (const entry of authorized) {
      if (typeof entry === 'string' && absolute(did, entry) === id) {
        method = methods.find((m) => isObject(m) && typeof m.id === 'string' && absolute(did, m.id) === id);
      } else if (isObject(entry) && typeof entry.id === 'string' && absolute(did, entry.id) === id) {
        method = entry;
      }
      if (method) break;
    }
    if (!isObject(method)) throw new XprovError('XP_PROOF_INVALID', `${id} is not authorized for ${purpose} by ${did}`);
    if (typeof method.controller !== 'string' || typeof method.publicKeyMultibase !== 'string') {
      throw new XprovError('XP_PROOF_INVALID', `${id} is not a Multikey with a controller`);
    }
    return { id, type: String(method.type), controller: method.controller, publicKeyMultibase: method.publicKeyMultibase };
  };
}
