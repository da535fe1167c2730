/**
 * Lineage explorer (DESIGN §6): with an auditor API key (typed here, held in memory only), fetches
 * `GET /executions/:id/bundle` from the governor — through this console's relay, the page talks
 * to no other origin — for each execution id given, and shows each execution's lineage: grants
 * (root → leaf) → permit or denial → outcome, nested under the execution whose outcome caused it.
 * When a trust file is loaded (proof viewer), each bundle is also verified in the page.
 */
import type { VerificationResult } from '@xprov/verifier';
import { byId, el, replace, v } from './dom.js';
import { buildForest, type ExecutionNode, nodeOf } from './lineage.js';
import { state, verifier } from './state.js';
import { showBundle } from './viewer.js';

const MAX_IDS = 50;
let nodes: ExecutionNode[] = [];
const verdicts = new Map<string, VerificationResult>();

function obj(x: unknown): Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}
function list(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}
function joined(xs: unknown[]): Node[] {
  return xs.flatMap((x, i) => (i === 0 ? [v(x)] : [document.createTextNode(', '), v(x)]));
}

function grantItem(g: unknown, i: number): HTMLElement {
  const c = obj(g);
  const s = obj(c['credentialSubject']);
  const grant = obj(s['grant']);
  return el(
    'li',
    {},
    el('strong', {}, i === 0 ? 'root grant' : 'delegation'),
    ' ',
    v(c['id'] ?? '?'),
    el('div', { className: 'meta' }, v(typeof c['issuer'] === 'string' ? c['issuer'] : obj(c['issuer'])['id']), ' → agent ', v(s['id'] ?? '?')),
    el('div', { className: 'meta' }, ...joined(list(grant['actions'])), ' on ', ...joined(list(grant['resources']))),
  );
}

function executionItem(n: ExecutionNode): HTMLLIElement {
  const b = n.bundle;
  const r = verdicts.get(n.executionId);
  const permit = obj(b['permit']);
  const denial = obj(b['denial']);
  const req = obj(obj((n.kind === 'denial' ? denial : permit)['credentialSubject'])['request']);
  const codes = list(obj(denial['credentialSubject'])['failures']).map((f) => obj(f)['code'] ?? '?');
  const outcome = obj(b['outcome']);
  const violations = list(obj(obj(outcome['credentialSubject'])['enforcement'])['violations']);
  const state = n.kind === 'denial' ? 'denied' : n.outcomeStatus ?? (n.kind === 'permit' ? 'permitted, no outcome yet' : 'unknown');
  const steps: HTMLElement[] = [...list(b['grants']).map(grantItem)];
  if (n.kind === 'permit') steps.push(el('li', {}, el('strong', {}, 'permit'), ' ', v(permit['id'] ?? '?'), el('div', { className: 'meta' }, v(req['action'] ?? '?'), ' on ', v(req['resource'] ?? '?'), ' · valid until ', v(permit['validUntil'] ?? '?'))));
  if (n.kind === 'denial') steps.push(el('li', { className: 'bad' }, el('strong', {}, 'denial'), ' ', v(denial['id'] ?? '?'), el('div', { className: 'meta' }, v(req['action'] ?? '?'), ' on ', v(req['resource'] ?? '?')), codes.length ? el('div', {}, 'codes: ', ...joined(codes)) : null));
  if (n.outcomeId !== undefined)
    steps.push(el('li', {}, el('strong', {}, 'outcome'), ' ', v(n.outcomeId), ' — ', v(n.outcomeStatus ?? '?'), violations.length ? el('div', { className: 'bad' }, `${violations.length} violation(s)`) : null));
  const open = el('button', { type: 'button', onclick: () => { void showBundle(`execution ${n.executionId}`, b); location.hash = '#viewer'; } }, 'Open in proof viewer');
  return el(
    'li',
    { className: 'execution', 'data-execution': n.executionId, 'data-state': state },
    el(
      'details',
      { open: true },
      el('summary', {}, 'execution ', v(n.executionId), ' — ', v(state), r ? el('span', { className: `badge ${r.verdict}`, 'data-verdict': r.verdict }, ` ${r.verdict}`) : null),
      n.parentOutcomeId !== undefined ? el('p', { className: 'meta' }, 'caused by outcome ', v(n.parentOutcomeId)) : null,
      el('ol', { className: 'chain' }, ...steps),
      open,
      n.children.length ? el('ul', { className: 'children', 'aria-label': 'executions it caused' }, ...n.children.map(executionItem)) : null,
    ),
  );
}

function render(errors: HTMLElement[]): void {
  const forest = buildForest(nodes);
  replace(
    byId('lineage-out'),
    errors.length ? el('ul', { className: 'status error' }, ...errors) : null,
    forest.length ? el('ul', { className: 'lineage', 'aria-label': 'executions' }, ...forest.map(executionItem)) : el('p', {}, 'No executions loaded.'),
  );
}

async function load(ids: string[], key: string): Promise<void> {
  const errors: HTMLElement[] = [];
  const fetched = await Promise.all(
    ids.map(async (id) => {
      try {
        const res = await fetch(`api/governor/executions/${encodeURIComponent(id)}/bundle`, { headers: { authorization: `Bearer ${key}` } });
        const body = (await res.json()) as unknown;
        if (!res.ok) {
          const err = obj(obj(body)['error']);
          errors.push(el('li', { 'data-error': String(err['code'] ?? res.status) }, v(id), ': ', el('code', {}, v(err['code'] ?? res.status)), ' ', v(err['message'] ?? '')));
          return undefined;
        }
        return nodeOf(id, body);
      } catch (e) {
        errors.push(el('li', {}, v(id), ': ', v((e as Error).message)));
        return undefined;
      }
    }),
  );
  for (const n of fetched) {
    if (!n) continue;
    nodes = nodes.filter((m) => m.executionId !== n.executionId);
    nodes.push(n);
  }
  render(errors);
  if (state.trust) {
    const { verifyBundle } = await verifier();
    for (const n of nodes) verdicts.set(n.executionId, await verifyBundle(n.bundle, state.trust.value));
    render(errors);
  }
}

export function setupExplorer(governor: { url: string } | null): void {
  replace(byId('governor-url'), governor ? v(governor.url) : 'none configured (start the console with a governor URL)');
  byId('lineage-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const keyInput = byId<HTMLInputElement>('auditor-key');
    state.auditorKey = keyInput.value.trim();
    const ids = byId<HTMLTextAreaElement>('execution-ids')
      .value.split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, MAX_IDS);
    if (!state.auditorKey || ids.length === 0) {
      replace(byId('lineage-out'), el('p', { className: 'status error' }, 'Give an auditor API key and at least one execution id.'));
      return;
    }
    void load(ids, state.auditorKey);
  });
  byId('lineage-clear').addEventListener('click', () => {
    nodes = [];
    verdicts.clear();
    render([]);
  });
}
