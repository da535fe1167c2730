/**
 * `xprov serve`'s console (DESIGN §5: serve = issuer + log + console; §6 Console): the web console
 * on its own loopback port (default governor port + 3, after the log and the witness), relaying to
 * the embedded governor and log, with the log key and witness as the health page's defaults.
 */
import { XprovError } from '@xprov/format';
import { type RunningConsole, startConsoleServer } from '@xprov/console';
import type { Embedded } from './serve.js';

/** `--console-port`: a port, or `off`; default P+3 (free port when P = 0). */
export function consolePort(option: string | undefined, governorPort: number): number | undefined {
  if (option === 'off') return undefined;
  if (option === undefined) {
    if (governorPort === 0) return 0;
    if (governorPort + 3 > 65535) throw new XprovError('XP_USAGE', 'no room for the console at --port + 3: give --console-port');
    return governorPort + 3;
  }
  if (!/^\d{1,5}$/.test(option) || Number(option) > 65535) throw new XprovError('XP_USAGE', '--console-port must be 0..65535 or off');
  return Number(option);
}

export function startServeConsole(e: Embedded, port: number): Promise<RunningConsole> {
  const log = (e.trust['logs'] as { origin: string; vkey: string }[])[0];
  return startConsoleServer({
    port,
    governorUrl: e.governor.url,
    logUrl: e.log.url,
    ...(log ? { log } : {}),
    witnesses: e.trust['witnesses'] as { keys: string[]; threshold: number },
  });
}
