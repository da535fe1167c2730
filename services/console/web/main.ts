/**
 * The console page (DESIGN §6): three sections behind plain links (#viewer, #lineage, #health);
 * the verifier core is loaded on first use (state.ts).
 */
import { byId } from './dom.js';
import { setupExplorer } from './explorer.js';
import { refreshHealth, setupHealth } from './health.js';
import { setupViewer } from './viewer.js';

const SECTIONS = ['viewer', 'lineage', 'health'] as const;

function show(): void {
  const wanted = location.hash.slice(1);
  const current = (SECTIONS as readonly string[]).includes(wanted) ? wanted : 'viewer';
  for (const s of SECTIONS) {
    byId(s).hidden = s !== current;
    const link = document.querySelector(`nav a[href="#${s}"]`);
    if (s === current) link?.setAttribute('aria-current', 'page');
    else link?.removeAttribute('aria-current');
  }
  if (current === 'health') void refreshHealth();
}

async function start(): Promise<void> {
  setupViewer();
  const config = await setupHealth();
  setupExplorer(config.governor);
  window.addEventListener('hashchange', show);
  show();
  document.body.dataset['ready'] = 'true';
}

void start();
