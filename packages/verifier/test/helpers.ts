import { failingCodes, verifyBundle } from '../src/index.js';
import { type Tweaks, makeBundle } from './fixture.js';

/** Builds a bundle with `tweaks`, verifies it, returns verdict and the failing codes. */
export async function outcomeOf(tweaks: Tweaks = {}) {
  const { bundle, trust } = await makeBundle(tweaks);
  const result = await verifyBundle(bundle, trust);
  return { verdict: result.verdict, codes: failingCodes(result), result };
}
