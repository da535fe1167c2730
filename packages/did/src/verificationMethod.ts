/**
 * Controlled Identifiers 1.0 §3.3 "Retrieve Verification Method", for the Data Integrity
 * verifier in @xprov/crypto: dereference a verification method id to the method in its
 * controller's DID document, and accept it only if that document lists it under the proof
 * purpose's verification relationship (assertionMethod, authentication, …).
 *
 * Everything here comes from attacker-reachable input (the proof's `verificationMethod`,
 * a fetched or bundled DID document). Failures carry DESIGN §4 codes so the verifier can
 * report them unchanged: `XP_DID_UNRESOLVED` (inconclusive: the document could not be had,
 * or the method is unsupported) and `XP_PROOF_INVALID` (the document was had and does not
 * authorize this key for this purpose).
 */
import {
  decodePublicKeyMultibase,
  encodePublicKeyMultibase,
  type ProofPurpose,
  type ResolvedVerificationMethod,
  type ResolveVerificationMethod,
} from '@xprov/crypto';
import { isXprovError, XprovError } from '@xprov/format';
import type { Resolver } from 'did-resolver';
import { DID_CODES } from './codes.js';
import { resolveDid } from './resolver.js';

type Obj = Record<string, unknown>;

function invalid(message: string): never {
  throw new XprovError('XP_PROOF_INVALID', message);
}

function absolute(ref: unknown, did: string): string | undefined {
  if (typeof ref !== 'string') return undefined;
  return ref.startsWith('#') ? `${did}${ref}` : ref;
}

function asObject(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** RFC 4648 §5 base64url without padding (no Buffer: this also runs in browsers). */
function base64urlDecode(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) invalid('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The Ed25519 key of a method, as publicKeyMultibase; Multikey, Ed25519VerificationKey2020 or an OKP JWK. */
function ed25519PublicKeyMultibase(vm: Obj): string {
  if ((vm.type === 'Multikey' || vm.type === 'Ed25519VerificationKey2020') && typeof vm.publicKeyMultibase === 'string') {
    decodePublicKeyMultibase(vm.publicKeyMultibase);
    return vm.publicKeyMultibase;
  }
  const jwk = asObject(vm.publicKeyJwk);
  if ((vm.type === 'JsonWebKey' || vm.type === 'JsonWebKey2020') && jwk?.kty === 'OKP' && jwk.crv === 'Ed25519') {
    if (typeof jwk.x !== 'string' || 'd' in jwk) invalid('malformed Ed25519 JWK');
    return encodePublicKeyMultibase(base64urlDecode(jwk.x));
  }
  invalid('the verification method is not an Ed25519 key');
}

/**
 * Resolves `vmId` for `purpose`. The method must be in its own DID's document, controlled
 * by that DID, and referenced (by id or embedded) from the `purpose` relationship.
 */
export async function resolveVerificationMethod(
  resolver: Pick<Resolver, 'resolve'>,
  vmId: string,
  purpose: ProofPurpose,
): Promise<ResolvedVerificationMethod> {
  if (typeof vmId !== 'string' || !vmId.includes('#')) invalid('a verification method id is a DID URL with a fragment');
  const did = vmId.slice(0, vmId.indexOf('#'));
  let doc: Obj;
  try {
    doc = (await resolveDid(resolver, did)) as unknown as Obj;
  } catch (error) {
    if (isXprovError(error) && error.code === DID_CODES.INVALID) invalid(error.message);
    if (isXprovError(error)) throw new XprovError(DID_CODES.UNRESOLVED, error.message, { cause: error });
    throw error;
  }
  const candidates = [...list(doc.verificationMethod), ...list(doc[purpose])];
  let vm: Obj | undefined;
  for (const c of candidates) {
    const o = asObject(c);
    if (o && absolute(o.id, did) === vmId) {
      vm = o;
      break;
    }
  }
  if (!vm) invalid(`${vmId} is not in ${did}'s DID document`);
  const authorized = list(doc[purpose]).some((ref) => absolute(asObject(ref)?.id ?? ref, did) === vmId);
  if (!authorized) invalid(`${did} does not authorize ${vmId} for ${purpose}`);
  const controller = absolute(vm.controller, did);
  if (controller !== did) invalid(`${vmId} is not controlled by ${did}`);
  let publicKeyMultibase: string;
  try {
    publicKeyMultibase = ed25519PublicKeyMultibase(vm);
  } catch (error) {
    if (isXprovError(error) && error.code === 'XP_PROOF_INVALID') throw error;
    invalid('the verification method key is malformed');
  }
  return { id: vmId, type: String(vm.type), controller, publicKeyMultibase };
}

/** Adapts a resolver to the `resolveVerificationMethod` option of @xprov/crypto's verifyProof. */
export function verificationMethodResolver(resolver: Pick<Resolver, 'resolve'>): ResolveVerificationMethod {
  return (vmId, purpose) => resolveVerificationMethod(resolver, vmId, purpose);
}
