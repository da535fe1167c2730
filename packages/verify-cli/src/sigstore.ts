/**
 * `xprov-verify --sigstore FILE --trust TRUST [BUNDLE] [--json]` (spec/attestation.md §4): checks
 * a Sigstore export with @sigstore/verify, trust material from the trust file's did:key
 * governors, and — when BUNDLE is given — that its in-toto Statement matches that verified
 * ProvenanceBundle. Same exit codes as bundle verification. Everything read is untrusted; the
 * report escapes it like the bundle report does. No network access.
 */
import { verifySigstoreExport } from '@xprov/interop/verify';
import { failingCodes } from '@xprov/verifier';
import { UsageError, exitCodeForVerdict } from './exit.js';
import { readBundleFile, readTrustFile } from './io.js';
import type { Io } from './main.js';
import { safe } from './report.js';

export async function runSigstore(sigstorePath: string, bundlePath: string | undefined, opts: { trust: string; json?: boolean }, io: Io): Promise<number> {
  const trust = await readTrustFile(opts.trust);
  // Not JSON → undefined → reported as XP_ATTESTATION_MALFORMED (attacker content, exit 1).
  const sigstore = await readBundleFile(sigstorePath);
  const bundle = bundlePath === undefined ? undefined : await readBundleFile(bundlePath);
  const result = await verifySigstoreExport(sigstore, trust, bundlePath === undefined ? undefined : (bundle ?? null));
  const trustFailure = result.checks.find((c) => c.code === 'XP_TRUST_INVALID' && !c.ok);
  if (trustFailure) throw new UsageError('XP_TRUST_INVALID', trustFailure.message);
  if (opts.json) {
    io.stdout(`${JSON.stringify({ verdict: result.verdict, signer: result.signer, checks: result.checks, codes: failingCodes(result), statement: result.statement }, null, 2)}\n`);
  } else {
    const head =
      result.verdict === 'valid'
        ? `VALID — the attestation is signed by a trusted governor${bundlePath ? ' and matches the verified bundle' : ''}`
        : `${result.verdict.toUpperCase()} — the attestation is not accepted`;
    const lines = [`xprov-verify: ${head}`];
    if (result.signer) lines.push(`  signer ${safe(result.signer)}`);
    const bundleChecks = result.checks.filter((c) => c.id.startsWith('A6/'));
    for (const c of result.checks) {
      // The bundle's own checks (A6) are summarised; `xprov-verify BUNDLE` shows them in full.
      if (c.id.startsWith('A6/')) {
        if (c === bundleChecks[0] && bundleChecks.every((b) => b.ok)) lines.push(`  ✓ A6 the ProvenanceBundle verifies (${bundleChecks.length} checks)`);
        if (c.ok) continue;
      }
      lines.push(`  ${c.ok ? '✓' : '✗'} ${safe(c.id)} ${c.ok ? safe(c.message) : `${safe(c.code)}: ${safe(c.message)}`}`);
    }
    io.stdout(`${lines.join('\n')}\n`);
  }
  return exitCodeForVerdict(result.verdict);
}
