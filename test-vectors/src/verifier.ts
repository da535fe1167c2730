/** The runner's default verifier: @xprov/verifier, fully offline (spec/verification.md). */
import { verifyBundle } from '@xprov/verifier';
import type { VerifyFn } from './run.js';

export const xprovVerifier: VerifyFn = (bundle, trust) => verifyBundle(bundle, trust);
