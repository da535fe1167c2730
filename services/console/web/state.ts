/**
 * What the page holds, in memory only (never localStorage/sessionStorage/cookies): the loaded
 * bundle and trust file, and the auditor key typed into the lineage explorer.
 */
export interface Loaded {
  name: string;
  value: unknown;
}

export const state: { bundle?: Loaded | undefined; trust?: Loaded | undefined; auditorKey?: string | undefined } = {};

/** Fired on document when the bundle or trust file changes. */
export const LOADED_EVENT = 'xprov:loaded';

/** The verifier core (and Cedar's WebAssembly) is loaded on first use, not with the page. */
export async function verifier(): Promise<typeof import('@xprov/verifier')> {
  return import('@xprov/verifier');
}
