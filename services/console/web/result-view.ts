/**
 * Renders a `VerificationResult` (spec/verification.md §14): the verdict, the chain
 * authority → agents → permit → outcome → log with ✓/✗ for the checks about each credential,
 * every failure's code, credential and one sentence, and the full list of checks. Every value
 * from the bundle goes through `v()` (text, escaped controls, bidi-isolated).
 */
import type { ChainLink, Check, VerificationResult } from '@xprov/verifier';
import { el, mark, v } from './dom.js';
import { headline, meaningOf } from './meanings.js';

/** The checks about one credential: failures with their code, passes counted by step. */
function checksFor(checks: Check[], id: string | undefined): HTMLElement | null {
  const mine = checks.filter((c) => c.credentialId !== undefined && c.credentialId === id);
  if (mine.length === 0) return null;
  const passed = mine.filter((c) => c.ok);
  const failed = mine.filter((c) => !c.ok);
  return el(
    'ul',
    { className: 'checks-inline' },
    ...failed.map((c) => el('li', { className: 'bad' }, mark(false), ' ', el('code', {}, c.code), ` at step ${c.id}`)),
    passed.length ? el('li', { className: 'ok' }, mark(true), ` ${passed.length} check${passed.length === 1 ? '' : 's'} passed (steps ${[...new Set(passed.map((c) => c.id))].join(', ')})`) : null,
  );
}

function where(link: ChainLink): HTMLElement {
  return link.log
    ? el('span', { className: 'log' }, 'log ', v(link.log.origin), ` #${link.log.index}`)
    : el('span', { className: 'log missing' }, 'not shown in a trusted log');
}

function scope(link: ChainLink): Node[] {
  const a = link.actions ?? [];
  const r = link.resources ?? [];
  if (a.length === 0 && r.length === 0) return [];
  const list = (xs: string[]) => xs.flatMap((x, i) => (i === 0 ? [v(x)] : [document.createTextNode(', '), v(x)]));
  return [document.createTextNode(' — '), ...list(a), document.createTextNode(' on '), ...list(r)];
}

function linkItem(kind: string, link: ChainLink, checks: Check[], extra: Node[] = []): HTMLLIElement {
  return el(
    'li',
    { className: `link ${kind}` },
    el('div', {}, el('strong', {}, kind), ' ', v(link.id), ...extra, ...scope(link)),
    el('div', { className: 'meta' }, 'issuer ', v(link.issuer), link.role === 'grant' ? el('span', {}, ' → agent ', v(link.subject)) : null, ' · ', where(link)),
    checksFor(checks, link.id),
  );
}

export function chainView(r: VerificationResult): HTMLElement | null {
  if (r.chain.length === 0) return null;
  const items: HTMLLIElement[] = [];
  const grants = r.chain.filter((l) => l.role === 'grant');
  if (grants[0]) items.push(el('li', { className: 'link authority' }, el('strong', {}, 'authority'), ' ', v(grants[0].issuer)));
  for (const g of grants) items.push(linkItem(g === grants[0] ? 'root grant' : 'delegation', g, r.checks));
  for (const l of r.chain) {
    if (l.role === 'permit') items.push(linkItem('permit', l, r.checks));
    if (l.role === 'denial') items.push(linkItem('denial', l, r.checks));
    if (l.role === 'outcome') items.push(linkItem('outcome', l, r.checks, r.outcome ? [document.createTextNode(' — '), v(r.outcome.status)] : []));
  }
  return el('section', { 'aria-labelledby': 'chain-h' }, el('h3', { id: 'chain-h' }, 'Chain'), el('ol', { className: 'chain' }, ...items));
}

function failuresView(r: VerificationResult): HTMLElement | null {
  const failures = r.checks.filter((c) => !c.ok);
  if (failures.length === 0) return null;
  return el(
    'section',
    { 'aria-labelledby': 'failures-h' },
    el('h3', { id: 'failures-h' }, `Failures (${failures.length})`),
    el(
      'ul',
      { className: 'failures' },
      ...failures.map((c) =>
        el(
          'li',
          { 'data-code': c.code },
          el('div', {}, mark(false), ' ', el('code', { className: 'code' }, c.code), ` at step ${c.id}`, c.credentialId ? el('span', {}, ' — ', v(c.credentialId)) : null),
          el('p', { className: 'meaning' }, meaningOf(c.code)),
          el('p', { className: 'message' }, v(c.message)),
        ),
      ),
    ),
  );
}

function checksTable(r: VerificationResult): HTMLElement {
  const head = el('tr', {}, ...['', 'step', 'code', 'message', 'credential'].map((h) => el('th', { scope: 'col' }, h)));
  const rows = r.checks.map((c) =>
    el('tr', { className: c.ok ? 'ok' : 'bad' }, el('td', {}, mark(c.ok)), el('td', {}, c.id), el('td', {}, el('code', {}, c.code)), el('td', {}, v(c.message)), el('td', {}, c.credentialId ? v(c.credentialId) : '')),
  );
  return el(
    'details',
    { className: 'all-checks' },
    el('summary', {}, `All checks (${r.checks.length})`),
    el('table', {}, el('caption', {}, 'Every check performed, in spec order'), el('thead', {}, head), el('tbody', {}, ...rows)),
  );
}

export function resultView(r: VerificationResult): HTMLElement {
  const facts: Node[] = [];
  if (r.executionTime) facts.push(el('li', {}, 'Time of execution: ', v(r.executionTime)));
  if (r.decision === 'deny' && r.denialCodes?.length) facts.push(el('li', {}, 'Refused for: ', ...r.denialCodes.map((c) => el('code', {}, c, ' '))));
  if (r.decision !== 'deny' && !r.outcome && r.verdict === 'valid') facts.push(el('li', {}, 'No outcome was given.'));
  return el(
    'div',
    { className: 'result' },
    el(
      'p',
      { className: `verdict ${r.verdict}`, id: 'verdict', 'data-verdict': r.verdict },
      el('strong', {}, r.verdict.toUpperCase()),
      ' — ',
      headline(r),
    ),
    facts.length ? el('ul', { className: 'facts' }, ...facts) : null,
    failuresView(r),
    chainView(r),
    checksTable(r),
  );
}
