/**
 * VC 2.0 §5.3 Integrity of Related Resources: `relatedResource` is one or more objects, each
 * with a unique `id` (a URL) and at least one of `digestSRI` / `digestMultibase`. The service
 * never fetches a resource; for the resources it bundles (the VC 2.0 base context) it compares
 * the digest with the published one and refuses a mismatch. Other resources are checked for
 * form only (the issuer asserts their digest). All values are attacker-controlled.
 */
import { XprovError } from '@xprov/format';
import { isUrl } from './url.js';

/**
 * Published digests of https://www.w3.org/ns/credentials/v2 as served by the W3C (VC 2.0 §B.1
 * "Base Context"; the same values are used by the W3C vc-data-model-2.0-test-suite,
 * tests/fixtures.js `relatedResource`). Facts, not code.
 */
const KNOWN_DIGESTS: Record<string, { sri: string[]; multibase: string[] }> = {
  'https://www.w3.org/ns/credentials/v2': {
    sri: ['sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg'],
    multibase: ['uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k'],
  },
};

const SRI = /^sha(256|384|512)-[A-Za-z0-9+/]+={0,2}$/;
const MULTIBASE = /^[uzmfb][A-Za-z0-9+/_=-]+$/;

function fail(message: string): never {
  throw new XprovError('XP_MALFORMED', `relatedResource: ${message}`);
}

export function checkRelatedResources(value: unknown): void {
  if (value === undefined) return;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) fail('must name at least one resource');
  const seen = new Set<string>();
  for (const r of list) {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) fail('each entry is an object');
    const { id, digestSRI, digestMultibase, mediaType } = r as Record<string, unknown>;
    if (!isUrl(id)) fail('id must be a URL');
    if (seen.has(id)) fail(`id ${id} appears twice`);
    seen.add(id);
    if (digestSRI === undefined && digestMultibase === undefined) fail('needs digestSRI or digestMultibase');
    if (digestSRI !== undefined && (typeof digestSRI !== 'string' || !SRI.test(digestSRI))) fail('digestSRI is not a Subresource Integrity value');
    if (digestMultibase !== undefined && (typeof digestMultibase !== 'string' || !MULTIBASE.test(digestMultibase))) {
      fail('digestMultibase is not multibase');
    }
    if (mediaType !== undefined && typeof mediaType !== 'string') fail('mediaType is a string');
    const known = KNOWN_DIGESTS[id];
    if (known !== undefined) {
      if (typeof digestSRI === 'string' && !known.sri.includes(digestSRI)) fail(`digestSRI does not match ${id}`);
      if (typeof digestMultibase === 'string' && !known.multibase.includes(digestMultibase)) fail(`digestMultibase does not match ${id}`);
    }
  }
}
