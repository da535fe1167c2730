/**
 * Reading a ProvenanceBundle for export and for comparison with an attestation (attestation.md
 * §3, scitt.md §1): through @xprov/verifier's `readBundle`, so receipts given in the COSE form
 * (`bundle.coseReceipts`, spec/bundle.md rule 5) are converted by the verifier's own reader and
 * appended to `receipts` in order (verification.md 2.6) — the exports summarise exactly the
 * receipts a verifier checks, whatever form they came in. The bundle is attacker-supplied: a
 * value that is not a bundle, or a COSE receipt that does not decode, is `XP_MALFORMED`.
 */
import { type ProvenanceBundle, XprovError } from '@xprov/format';
import { readBundle } from '@xprov/verifier';

/** The bundle with every receipt in JSON form (`coseReceipts` converted and removed). */
export function readProvenanceBundle(input: unknown): ProvenanceBundle {
  const r = readBundle(input);
  if (!r.ok) throw new XprovError('XP_MALFORMED', `not a ProvenanceBundle: ${r.message}`);
  return r.value as unknown as ProvenanceBundle;
}
