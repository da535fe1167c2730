/**
 * The human report of xprov-verify (spec/cli-verify.md §3): the verdict, the chain drawn as
 * authority → agents → permit → outcome → log, every check with ✓/✗, and for each failure its code,
 * the credential and one sentence on what it means. All strings shown come from the bundle
 * (attacker-controlled): control characters are escaped so a bundle cannot forge report lines.
 */
import type { ChainLink, VerificationResult } from '@xprov/verifier';
import { meaningOf } from '@xprov/verifier/meanings';

/** Escapes C0/C1 controls and bidi overrides so bundle strings cannot rewrite the terminal. */
export function safe(value: unknown): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return String(value).replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function headline(r: VerificationResult): string {
  if (r.verdict === 'valid') {
    if (r.decision === 'deny') return 'VALID — authentic, logged evidence that the governor REFUSED this request (no execution was authorized)';
    if (!r.outcome) return 'VALID — the permit was issued under a trusted chain and is in the log; no outcome was given, so the execution itself is not proven';
    return 'VALID — the execution was authorized by a trusted chain, within its permit, and is in the log';
  }
  if (r.verdict === 'inconclusive') return 'INCONCLUSIVE — something needed to decide could not be had; not accepted';
  return 'INVALID — this bundle does not prove an authorized execution';
}

function where(link: ChainLink): string {
  return link.log ? `  [log ${safe(link.log.origin)} #${link.log.index}]` : '  [not shown in a trusted log]';
}

function scope(link: ChainLink): string {
  const a = (link.actions ?? []).map(safe).join(', ');
  const r = (link.resources ?? []).map(safe).join(', ');
  return a || r ? ` ${a} on ${r}` : '';
}

export function drawChain(r: VerificationResult): string[] {
  const lines: string[] = [];
  let depth = 0;
  const pad = () => '  '.repeat(depth);
  const grants = r.chain.filter((l) => l.role === 'grant');
  if (grants[0]) lines.push(`  authority ${safe(grants[0].issuer)}`);
  for (const g of grants) {
    lines.push(`  ${pad()}└─ grant ${safe(g.id)} → agent ${safe(g.subject)}:${scope(g)}${where(g)}`);
    depth++;
  }
  for (const l of r.chain) {
    if (l.role === 'permit' || l.role === 'denial') {
      const verb = l.role === 'permit' ? 'permit' : 'DENIAL';
      lines.push(`  ${pad()}└─ ${verb} ${safe(l.id)} by governor ${safe(l.issuer)}:${scope(l)}${where(l)}`);
      depth++;
    } else if (l.role === 'outcome') {
      const status = r.outcome ? ` ${safe(r.outcome.status)}` : '';
      lines.push(`  ${pad()}└─ outcome ${safe(l.id)}:${status}${where(l)}`);
    }
  }
  return lines;
}

export function renderReport(r: VerificationResult): string {
  const out: string[] = [`xprov-verify: ${headline(r)}`];
  if (r.executionTime) out.push(`  time of execution: ${r.executionTime}`);
  if (r.decision === 'deny' && r.denialCodes?.length) out.push(`  refused for: ${r.denialCodes.map(safe).join(', ')}`);
  const chain = drawChain(r);
  if (chain.length) out.push('', 'chain', ...chain);
  out.push('', 'checks');
  for (const c of r.checks) {
    out.push(`  ${c.ok ? '✓' : '✗'} ${c.id.padEnd(5)} ${c.code.padEnd(28)} ${safe(c.message)}${c.credentialId ? `  (${safe(c.credentialId)})` : ''}`);
  }
  const failures = r.checks.filter((c) => !c.ok);
  if (failures.length) {
    out.push('', 'failures');
    for (const c of failures) {
      out.push(`  ✗ ${c.code} at step ${c.id}${c.credentialId ? ` — ${safe(c.credentialId)}` : ''}`);
      out.push(`      ${meaningOf(c.code)}`);
      out.push(`      ${safe(c.message)}`);
    }
  }
  out.push('', `verdict: ${r.verdict}`);
  return out.join('\n') + '\n';
}
