/**
 * did:key resolution and DID URL dereferencing over HTTP (W3C DID Resolution, the
 * Universal-Resolver style `GET /1.0/identifiers/{did}`; did:key v0.7 §"Read"): Ed25519 only,
 * computed from the identifier itself, no storage and no network. The identifier and the query
 * (`publicKeyFormat`, `enableExperimentalPublicKeyTypes`) are attacker-controlled.
 *
 * Errors are resolution results with `didResolutionMetadata.error` (a plain DID) or
 * `didDereferencingMetadata.error` (a DID URL with path, query or fragment), using the did:key
 * spec's names: invalidDid, invalidDidUrl, methodNotSupported, invalidPublicKeyLength,
 * unsupportedPublicKeyType, invalidPublicKeyType, notFound. `didDocument` is then `{}` (the W3C
 * did:key suite requires the member to exist).
 */
import { base58btcDecode } from '@xprov/format';

export const DID_RESOLUTION_CONTEXT = 'https://w3id.org/did-resolution/v1';

type Json = Record<string, unknown>;

export interface ResolutionAnswer {
  status: 200 | 400 | 404 | 501;
  body: Json;
}

/** Formats a did:key Ed25519 key can be expressed in; the experimental one only when enabled. */
const STANDARD_FORMATS = new Set(['Multikey', 'JsonWebKey2020', 'Ed25519VerificationKey2020']);
const EXPERIMENTAL_FORMATS = new Set(['Ed25519VerificationKey2018']);

/** DID Core §3.2 DID URL syntax after the DID: path-abempty, ?query, #fragment (RFC 3986 pchar). */
const PCHAR = "[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2}";
const DID_URL_REST = new RegExp(`^(/(${PCHAR})*)*(\\?((${PCHAR})|[/?])*)?(#((${PCHAR})|[/?])*)?$`);

function answer(status: ResolutionAnswer['status'], dereferencing: boolean, error: string | undefined, didDocument: Json): ResolutionAnswer {
  const metadata = error === undefined ? { contentType: 'application/did+ld+json' } : { error };
  return {
    status,
    body: {
      '@context': DID_RESOLUTION_CONTEXT,
      didDocument,
      didDocumentMetadata: {},
      [dereferencing ? 'didDereferencingMetadata' : 'didResolutionMetadata']: metadata,
    },
  };
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** The one verification method of an Ed25519 did:key in the requested format. */
function verificationMethod(did: string, mb: string, key: Uint8Array, format: string): Json {
  const id = `${did}#${mb}`;
  switch (format) {
    case 'JsonWebKey2020':
      return { id, type: 'JsonWebKey2020', controller: did, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: base64url(key) } };
    case 'Ed25519VerificationKey2020':
      return { id, type: 'Ed25519VerificationKey2020', controller: did, publicKeyMultibase: mb };
    default:
      return { id, type: 'Multikey', controller: did, publicKeyMultibase: mb };
  }
}

const FORMAT_CONTEXT: Record<string, string> = {
  Multikey: 'https://w3id.org/security/multikey/v1',
  JsonWebKey2020: 'https://w3id.org/security/suites/jws-2020/v1',
  Ed25519VerificationKey2020: 'https://w3id.org/security/suites/ed25519-2020/v1',
};

export function resolveDidKey(input: string, query: { publicKeyFormat?: string | undefined; enableExperimentalPublicKeyTypes?: string | undefined }): ResolutionAnswer {
  const cut = input.search(/[/?#]/);
  const did = cut === -1 ? input : input.slice(0, cut);
  const rest = cut === -1 ? '' : input.slice(cut);
  const deref = rest !== '';
  const parts = did.split(':');
  if (parts[0] !== 'did' || parts.length < 3 || !/^[a-z0-9]+$/.test(parts[1] ?? '')) return answer(400, deref, 'invalidDid', {});
  if (parts[1] !== 'key') return answer(501, deref, 'methodNotSupported', {});
  if (parts.length > 4) return answer(400, deref, 'invalidDid', {});
  if (parts.length === 4 && parts[2] !== '1') return answer(400, deref, 'invalidDid', {});
  const mb = parts[parts.length - 1] ?? '';
  if (!/^z[1-9A-HJ-NP-Za-km-z]+$/.test(mb)) return answer(400, deref, 'invalidDid', {});
  if (deref && !DID_URL_REST.test(rest)) return answer(400, true, 'invalidDidUrl', {});

  const format = query.publicKeyFormat ?? 'Multikey';
  const experimental = query.enableExperimentalPublicKeyTypes === 'true';
  if (!STANDARD_FORMATS.has(format) && !EXPERIMENTAL_FORMATS.has(format)) return answer(400, deref, 'unsupportedPublicKeyType', {});
  if (!STANDARD_FORMATS.has(format)) return answer(400, deref, experimental ? 'unsupportedPublicKeyType' : 'invalidPublicKeyType', {});

  let bytes: Uint8Array;
  try {
    bytes = base58btcDecode(mb.slice(1));
  } catch {
    return answer(400, deref, 'invalidDid', {});
  }
  if (bytes[0] !== 0xed || bytes[1] !== 0x01) return answer(400, deref, 'unsupportedPublicKeyType', {});
  const key = bytes.slice(2);
  if (key.length !== 32) return answer(400, deref, 'invalidPublicKeyLength', {});

  const canonical = `did:key:${mb}`;
  const vm = verificationMethod(canonical, mb, key, format);
  const doc: Json = {
    '@context': ['https://www.w3.org/ns/did/v1', FORMAT_CONTEXT[format] ?? FORMAT_CONTEXT.Multikey],
    id: canonical,
    verificationMethod: [vm],
    authentication: [vm.id],
    assertionMethod: [vm.id],
    capabilityInvocation: [vm.id],
    capabilityDelegation: [vm.id],
  };
  if (!deref) return answer(200, false, undefined, doc);
  // Dereferencing: only the fragment of the key's own verification method exists.
  const hash = rest.indexOf('#');
  const pathAndQuery = hash === -1 ? rest : rest.slice(0, hash);
  if (pathAndQuery === '' && hash !== -1 && `${canonical}${rest}` === vm.id) {
    return answer(200, true, undefined, { '@context': doc['@context'], ...vm });
  }
  return answer(404, true, 'notFound', {});
}
