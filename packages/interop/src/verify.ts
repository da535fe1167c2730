/**
 * `@xprov/interop/verify`: the verification side only (no @sigstore/sign, no signing keys), for
 * the standalone verifier's single-file build: Sigstore exports (spec/attestation.md §4), SCITT
 * statements and receipts (spec/scitt.md §2, §4, §5).
 */
export * from './codes.js';
export * from './media-types.js';
export * from './predicate.js';
export * from './statement.js';
export * from './sigstore-verify.js';
export { verifySignedStatement, type VerifiedStatement, VC_CONTENT_TYPE } from './scitt-statement.js';
export { receiptFromCose, verifyScittReceipt, credentialLeafHash, type JsonReceipt, type VerifiedScittReceipt } from './scitt-receipt.js';
