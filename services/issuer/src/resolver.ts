/**
 * Verification-method resolution for the gate (CID 1.0 §3.3): did:key from the key itself;
 * any other DID only if it is an authority registered on this governor, from the DID document
 * it stores. The governor never fetches a DID document while deciding (fail-closed, no SSRF).
 * The verification method id comes from an attacker-supplied proof.
 */
import { type ResolveVerificationMethod, resolveDidKeyVerificationMethod } from '@xprov/crypto';
import { XprovError } from '@xprov/format';
import type { GovernorStore } from './store.js';

function listed(doc: Record<string, unknown>, relationship: string, id: string): boolean {
  const refs = doc[relationship];
  return Array.isArray(refs) && refs.some((r) => r === id || (typeof r === 'object' && r !== null && (r as { id?: unknown }).id === id));
}

export function storeResolver(store: GovernorStore): ResolveVerificationMethod {
  return async (id, purpose) => {
    if (id.startsWith('did:key:')) return resolveDidKeyVerificationMethod(id, purpose);
    const did = id.split('#')[0] ?? '';
    const authority = await store.getAuthority(did);
    const doc = authority?.didDocument;
    if (doc === undefined) throw new XprovError('XP_DID_UNRESOLVED', `${did} is not an authority known to this governor`);
    const vms = Array.isArray(doc.verificationMethod) ? (doc.verificationMethod as Record<string, unknown>[]) : [];
    const vm = vms.find((v) => v.id === id);
    if (vm === undefined || !listed(doc, purpose, id)) {
      throw new XprovError('XP_PROOF_INVALID', `${id} is not authorized for ${purpose} by ${did}`);
    }
    return {
      id,
      type: String(vm.type),
      controller: String(vm.controller),
      publicKeyMultibase: String(vm.publicKeyMultibase),
    };
  };
}

/** The did:web document of a new authority key (did:web method spec §2.5, Multikey). */
export function didWebDocument(did: string, publicKeyMultibase: string): { doc: Record<string, unknown>; vm: string } {
  const vm = `${did}#key-1`;
  return {
    vm,
    doc: {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [{ id: vm, type: 'Multikey', controller: did, publicKeyMultibase }],
      authentication: [vm],
      assertionMethod: [vm],
    },
  };
}

/** did:web → the path its document is served at: `/.well-known/did.json` or `/<a>/<b>/did.json`. */
export function didWebPath(did: string): { host: string; path: string } {
  const m = /^did:web:([^:]+)((?::[^:]+)*)$/.exec(did);
  if (!m) throw new XprovError('XP_DID_INVALID', 'not a did:web');
  const host = decodeURIComponent(m[1]!);
  const segments = m[2] ? m[2].slice(1).split(':').map(decodeURIComponent) : [];
  return { host, path: segments.length === 0 ? '/.well-known/did.json' : `/${segments.join('/')}/did.json` };
}
