/**
 * Response headers of every console page and asset. The page renders attacker-controlled bundles,
 * so the Content-Security-Policy allows only this origin's scripts (no inline script, no eval;
 * `wasm-unsafe-eval` only so Cedar's WebAssembly can be compiled), and the page may only talk to
 * its own origin (`connect-src 'self'`): the governor and the log are reached through /api/.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
