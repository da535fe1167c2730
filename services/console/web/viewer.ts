/**
 * Proof viewer (DESIGN §6): a dropped or picked ProvenanceBundle is verified against a trust file
 * in this page with @xprov/verifier's `verifyBundle` — the same core as xprov-verify — with no
 * server round trip. The drop zone is a real button (Enter/Space open the file picker) and also takes
 * dropped files; each file is sorted into bundle or trust by its shape.
 */
import { byId, el, replace, v } from './dom.js';
import { kindOf, readJson, type StrictReader } from './files.js';
import { resultView } from './result-view.js';
import { LOADED_EVENT, state, verifier } from './state.js';

/** Shows `text`; an error with a code shows it first and carries it as `data-code`. */
function status(text: string, isError = false, code?: string): void {
  const s = byId('viewer-status');
  s.className = isError ? 'status error' : 'status';
  if (code) s.dataset.code = code;
  else delete s.dataset.code;
  replace(s, code ? `${code}: ${text}` : text);
}

function describeLoaded(): void {
  const item = (what: string, l: { name: string } | undefined) => el('li', {}, `${what}: `, l ? v(l.name) : el('em', {}, 'none yet'));
  replace(byId('loaded'), item('Bundle', state.bundle), item('Trust file', state.trust));
  byId<HTMLButtonElement>('verify').disabled = !(state.bundle && state.trust);
}

export async function takeFiles(files: Iterable<File>, forced?: 'bundle' | 'trust'): Promise<void> {
  // Files are read with the verifier's strict JSON reader (files.ts), which comes with its chunk.
  let reader: StrictReader;
  try {
    reader = await verifier();
  } catch (e) {
    status(`The verifier could not run here: ${(e as Error).message}`, true);
    return;
  }
  let failed = false;
  for (const f of files) {
    let value: unknown;
    try {
      value = await readJson(f, forced, reader);
    } catch (e) {
      // The error stays on screen: no verdict of an earlier file is run or shown next to it.
      failed = true;
      if (forced) state[forced] = undefined;
      replace(byId('result'));
      status((e as Error).message, true, (e as { code?: string }).code);
      continue;
    }
    const kind = forced ?? kindOf(value);
    if (kind === 'vector') {
      const o = value as { bundle: unknown; trust: unknown };
      state.bundle = { name: `${f.name} (bundle)`, value: o.bundle };
      state.trust = { name: `${f.name} (trust)`, value: o.trust };
    } else state[kind] = { name: f.name, value };
  }
  describeLoaded();
  document.dispatchEvent(new Event(LOADED_EVENT));
  if (!failed && state.bundle && state.trust) await runVerification();
}

/** Loads a bundle from elsewhere in the page (the lineage explorer). */
export async function showBundle(name: string, bundle: unknown): Promise<void> {
  state.bundle = { name, value: bundle };
  describeLoaded();
  if (state.trust) await runVerification();
  else status('Bundle loaded; add a trust file to verify it.');
}

export async function runVerification(): Promise<void> {
  if (!state.bundle || !state.trust) return;
  const out = byId('result');
  replace(out); // never show a previous verdict next to a new bundle
  status('Verifying in this page…');
  out.setAttribute('aria-busy', 'true');
  try {
    const { verifyBundle } = await verifier();
    const t = performance.now();
    const r = await verifyBundle(state.bundle.value, state.trust.value);
    const ms = Math.round(performance.now() - t);
    replace(out, resultView(r));
    status(`Verified in this page in ${ms} ms — nothing was sent anywhere.`);
  } catch (e) {
    // verifyBundle never throws; this is the verifier failing to load (e.g. WebAssembly blocked).
    replace(out);
    status(`The verifier could not run here: ${(e as Error).message}`, true);
  } finally {
    out.removeAttribute('aria-busy');
  }
}

export function setupViewer(): void {
  const zone = byId('drop');
  const any = byId<HTMLInputElement>('any-file');
  zone.addEventListener('click', () => any.click());
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer?.files.length) void takeFiles(e.dataTransfer.files);
  });
  any.addEventListener('change', () => any.files && void takeFiles(any.files));
  const bundleInput = byId<HTMLInputElement>('bundle-file');
  const trustInput = byId<HTMLInputElement>('trust-file');
  bundleInput.addEventListener('change', () => bundleInput.files && void takeFiles(bundleInput.files, 'bundle'));
  trustInput.addEventListener('change', () => trustInput.files && void takeFiles(trustInput.files, 'trust'));
  byId('verify').addEventListener('click', () => void runVerification());
  describeLoaded();
}
