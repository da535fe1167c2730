/**
 * @xprov/interop — xprov provenance in supply-chain formats: in-toto attestations in Sigstore
 * bundles (spec/attestation.md) and SCITT signed statements with RFC 9942 COSE receipts
 * (spec/scitt.md).
 */
export * from './codes.js';
export * from './digests.js';
export * from './keys.js';
export * from './predicate.js';
export * from './provenance-bundle.js';
export * from './statement.js';
export * from './media-types.js';
export * from './sigstore-export.js';
export * from './sigstore-verify.js';
export * from './cose.js';
export * from './scitt-statement.js';
export * from './scitt-receipt.js';
export * from './scitt-export.js';
export * from './test-keys.js';
export * from './vectors.js';
export * from './json-schema.js';
