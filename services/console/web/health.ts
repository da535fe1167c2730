/**
 * Health dashboard (DESIGN §6): the governor's /healthz, and the log's current checkpoint (C2SP
 * tlog-checkpoint) verified in this page with @xprov/log-core against the log's note verifier key
 * — the key in the form is the trust anchor, the checkpoint comes from the network and is
 * attacker-controlled — with its tree size, root hash and the witness cosignatures (C2SP
 * tlog-cosignature) that verify under the given witness keys.
 */
import { base64Encode, openCheckpoint, parseCosignatureVerifierKey, parseVerifierKey, verifyCosignatures } from '@xprov/log-core';
import { byId, el, mark, replace, v } from './dom.js';

interface ConsoleConfig {
  governor: { url: string } | null;
  log: { url: string; origin?: string; vkey?: string } | null;
  witnesses: { keys: string[]; threshold: number } | null;
}

export interface CheckpointReport {
  ok: boolean;
  code?: string;
  message?: string;
  origin?: string;
  size?: number;
  rootHash?: string;
  cosignatures: { name: string; timestamp: number }[];
  otherSignatures: string[];
}

/** Pure: verifies a signed checkpoint against the log key and witness keys (trust anchors). */
export function checkCheckpoint(note: string, logVkey: string, witnessKeys: string[]): CheckpointReport {
  try {
    const opened = openCheckpoint(note, { verifiers: [parseVerifierKey(logVkey)] });
    const witnesses = witnessKeys.map((k) => parseCosignatureVerifierKey(k));
    const cos = witnesses.length ? verifyCosignatures(note, witnesses, 0) : [];
    const known = new Set(cos.map((c) => c.name));
    return {
      ok: true,
      origin: opened.checkpoint.origin,
      size: opened.checkpoint.size,
      rootHash: base64Encode(opened.checkpoint.rootHash),
      cosignatures: cos.map((c) => ({ name: c.name, timestamp: c.timestamp })),
      otherSignatures: opened.note.unverified.map((s) => s.name).filter((n) => !known.has(n)),
    };
  } catch (e) {
    return { ok: false, code: (e as { code?: string }).code ?? 'XP_INTERNAL', message: (e as Error).message, cosignatures: [], otherSignatures: [] };
  }
}

let config: ConsoleConfig = { governor: null, log: null, witnesses: null };

function row(label: string, ...value: (Node | string)[]): HTMLElement {
  return el('div', { className: 'row' }, el('dt', {}, label), el('dd', {}, ...value));
}

async function governorHealth(): Promise<HTMLElement> {
  if (!config.governor) return el('p', {}, 'This console has no governor configured.');
  try {
    const res = await fetch('api/governor/healthz');
    const body = (await res.json()) as { status?: unknown; governor?: unknown; log?: { reachable?: unknown }; error?: { code?: unknown } };
    const ok = res.ok && body.status === 'ok';
    return el(
      'dl',
      { id: 'governor-health', 'data-status': ok ? 'ok' : 'degraded' },
      row('Governor', v(config.governor.url)),
      row('Status', mark(ok), ' ', v(body.status ?? body.error?.code ?? res.status)),
      body.governor === undefined ? el('span') : row('DID', v(body.governor)),
      body.log === undefined ? el('span') : row('Log reachable from governor', mark(body.log.reachable === true)),
    );
  } catch (e) {
    return el('p', { className: 'status error' }, 'Governor unreachable: ', v((e as Error).message));
  }
}

async function logHealth(vkey: string, witnessKeys: string[], threshold: number): Promise<HTMLElement> {
  if (!config.log) return el('p', {}, 'This console has no log configured.');
  let note: string;
  try {
    const res = await fetch('api/log/checkpoint');
    if (!res.ok) {
      const code = await res.json().then((b: { error?: { code?: unknown; message?: unknown } }) => b.error, () => undefined);
      return el('p', { className: 'status error', id: 'log-health', 'data-checkpoint': 'none' }, `The log answered ${res.status}`, code ? el('span', {}, ': ', el('code', {}, v(code.code)), ' ', v(code.message)) : '.');
    }
    note = await res.text();
  } catch (e) {
    return el('p', { className: 'status error' }, 'Log unreachable: ', v((e as Error).message));
  }
  const r = checkCheckpoint(note, vkey, witnessKeys);
  const witnessOk = r.cosignatures.length >= threshold;
  return el(
    'dl',
    { id: 'log-health', 'data-checkpoint': r.ok ? 'verified' : 'failed', 'data-witnessed': r.ok && witnessOk ? 'yes' : 'no' },
    row('Log', v(config.log.url)),
    row('Checkpoint signature', mark(r.ok), ' ', r.ok ? 'verified against the log key' : el('span', {}, el('code', {}, r.code ?? ''), ' ', v(r.message ?? ''))),
    r.ok ? row('Origin', v(r.origin)) : el('span'),
    r.ok ? row('Tree size', el('span', { id: 'tree-size' }, String(r.size))) : el('span'),
    r.ok ? row('Root hash', el('code', {}, v(r.rootHash))) : el('span'),
    r.ok
      ? row(
          'Witness cosignatures',
          mark(witnessOk),
          ` ${r.cosignatures.length} verified (threshold ${threshold})`,
          el('ul', {}, ...r.cosignatures.map((c) => el('li', {}, v(c.name), ` at ${new Date(c.timestamp * 1000).toISOString()}`))),
        )
      : el('span'),
    r.ok && r.otherSignatures.length ? row('Other signatures (unknown keys)', ...r.otherSignatures.map((n) => el('span', {}, v(n), ' '))) : el('span'),
  );
}

export async function refreshHealth(): Promise<void> {
  const out = byId('health-out');
  out.setAttribute('aria-busy', 'true');
  const vkey = byId<HTMLInputElement>('log-vkey').value.trim();
  const witnessKeys = byId<HTMLTextAreaElement>('witness-keys')
    .value.split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const threshold = Number(byId<HTMLInputElement>('witness-threshold').value) || 0;
  const [g, l] = await Promise.all([governorHealth(), logHealth(vkey, witnessKeys, threshold)]);
  replace(
    out,
    el('section', { 'aria-labelledby': 'gh' }, el('h3', { id: 'gh' }, 'Governor'), g),
    el('section', { 'aria-labelledby': 'lh' }, el('h3', { id: 'lh' }, 'Transparency log'), l),
    el('p', { className: 'meta' }, `Checked at ${new Date().toISOString()}`),
  );
  out.removeAttribute('aria-busy');
}

export async function setupHealth(): Promise<ConsoleConfig> {
  try {
    config = (await (await fetch('config.json')).json()) as ConsoleConfig;
  } catch {
    // leave the empty configuration: the page says nothing is configured
  }
  if (config.log?.vkey) byId<HTMLInputElement>('log-vkey').value = config.log.vkey;
  if (config.witnesses) {
    byId<HTMLTextAreaElement>('witness-keys').value = config.witnesses.keys.join('\n');
    byId<HTMLInputElement>('witness-threshold').value = String(config.witnesses.threshold);
  }
  byId('health-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void refreshHealth();
  });
  return config;
}
