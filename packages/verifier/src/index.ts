/** @xprov/verifier: offline verification of xprov provenance bundles (spec/verification.md). */
export { verifyBundle } from './verify.js';
export type { VerifyOptions, Ed25519Verify } from './context.js';
export { type Check, type ChainLink, type Verdict, type VerificationResult, INCONCLUSIVE_CODES, failingCodes, verdictOf } from './result.js';
export { readTrust, readBundle } from './inputs.js';
export { decodeBitstring, bitAt } from './status.js';
export { logEntryBytes } from './log.js';
export { StrictJsonError, decodeUtf8, duplicateMember, parseStrictJson } from './strict-json.js';
