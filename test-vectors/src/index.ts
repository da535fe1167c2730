/** @xprov/test-vectors: the deterministic generator, the vector catalogue and the runner (spec/vectors.md). */
export { CASES, type Case } from './cases.js';
export { buildVector, generateFiles, writeVectors } from './generate.js';
export { VECTORS_DIR } from './paths.js';
export { compare, failingCodes, formatResults, loadVectors, runVector, runVectors } from './run.js';
export type { VectorResult, VerifierOutput, VerifyFn } from './run.js';
export { buildScenario, type Draft, type Scenario, type Tweaks } from './scenario.js';
export { VectorLog, type Receipt } from './log.js';
export { encodeStatusList } from './status-list.js';
export { serializeVector, type Vector, type VectorIndex, type Verdict } from './vector.js';
export { xprovVerifier } from './verifier.js';
