/** @xprov/policy: Cedar grant policies, their digests and deterministic evaluation (spec/policy.md). */
export { ENGINE } from './cedar.js';
export { JS_TO_WASM_INLINING_DISABLED } from './v8-workaround.js';
export { POLICY_CODES, type PolicyCode } from './codes.js';
export { parsePolicySet, type ParsedPolicySet, type PolicySetJson } from './parse.js';
export { policyDigest, checkPolicyDigest } from './digest.js';
export { normalizeTime } from './time.js';
export { toCedarRequest, toCedarValue, type CedarRequest, type PolicyRequest } from './request.js';
export {
  evaluate,
  type Decision,
  type EvaluateInput,
  type Evaluation,
  type PolicyError,
  type PolicySetEvaluation,
} from './evaluate.js';
