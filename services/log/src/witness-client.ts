/**
 * The log's side of C2SP tlog-witness: after each committed checkpoint, ask every witness to
 * cosign it (`POST <url>/add-checkpoint` with `old <size>`, a consistency proof and the
 * checkpoint), and publish the checkpoint with the cosignature lines appended once `threshold`
 * witnesses answered with a valid `tlog-cosignature/v1`. Witness answers are untrusted: each
 * line is verified against the witness's configured key before it is kept.
 */
import { XprovError } from '@xprov/format';
import { consistencyProof, parseCosignatureVerifierKey, verifyCosignatures } from '@xprov/log-core';
import type { LogStore } from './store.js';
import { storeHashReader } from './tile-reads.js';

export interface WitnessTarget {
  /** Submission prefix, e.g. `http://127.0.0.1:7001`. */
  url: string;
  /** The witness's cosignature verifier key (`name+hex8+base64(0x04‖pub)`). */
  vkey: string;
}

/** Parses `URL=VKEY` (the `--witness` flag). */
export function parseWitnessFlag(s: string): WitnessTarget {
  const i = s.indexOf('=');
  if (i <= 0) throw new XprovError('XP_USAGE', '--witness takes URL=VKEY');
  const url = s.slice(0, i);
  const vkey = s.slice(i + 1);
  if (!/^https?:\/\//.test(url)) throw new XprovError('XP_USAGE', '--witness URL must be http(s)');
  parseCosignatureVerifierKey(vkey);
  return { url: url.replace(/\/+$/, ''), vkey };
}

const TIMEOUT_MS = 5000;

export function witnessPublisher(o: {
  witnesses: WitnessTarget[];
  threshold: number;
  store: LogStore;
  onFailure?: (w: WitnessTarget, e: unknown) => void;
}): (checkpoint: string, size: number) => Promise<string | undefined> {
  const known = o.witnesses.map((w) => ({ ...w, verifier: parseCosignatureVerifierKey(w.vkey), lastSize: 0 }));
  if (o.threshold < 1 || o.threshold > known.length) {
    throw new XprovError('XP_USAGE', `witness threshold must be 1..${known.length}`);
  }
  return async (checkpoint, size) => {
    const results = await Promise.all(
      known.map(async (w) => {
        try {
          const line = await requestCosignature(w, checkpoint, size, o.store);
          w.lastSize = size;
          return line;
        } catch (e) {
          o.onFailure?.(w, e);
          return undefined;
        }
      }),
    );
    const lines = results.filter((l): l is string => l !== undefined).join('');
    const cosigned = checkpoint + lines;
    try {
      verifyCosignatures(cosigned, known.map((w) => w.verifier), o.threshold);
    } catch {
      return undefined;
    }
    return cosigned;
  };
}

async function requestCosignature(
  w: WitnessTarget & { verifier: ReturnType<typeof parseCosignatureVerifierKey>; lastSize: number },
  checkpoint: string,
  size: number,
  store: LogStore,
): Promise<string> {
  // First try from the size we last saw cosigned; a 409 tells us the witness's size: retry once.
  let old = w.lastSize <= size ? w.lastSize : 0;
  for (let attempt = 0; attempt < 2; attempt++) {
    const proof = old === 0 || old === size ? [] : await consistencyProof(old, size, storeHashReader(store, size));
    const body = `old ${old}\n${proof.map((h) => `${Buffer.from(h).toString('base64')}\n`).join('')}\n${checkpoint}`;
    const res = await fetch(`${w.url}/add-checkpoint`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    if (res.status === 409 && /^(0|[1-9][0-9]{0,15})\n$/.test(text)) {
      const theirs = Number(text.trim());
      if (theirs > size || theirs === old) break;
      old = theirs;
      continue;
    }
    if (res.status !== 200) throw new XprovError('XP_WITNESS_REFUSED', `witness ${w.url} answered ${res.status}`);
    // Keep only lines by this witness's key that verify (tlog-witness: ignore unknown keys).
    const kept = text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => `${l}\n`)
      .filter((l) => {
        try {
          verifyCosignatures(checkpoint + l, [w.verifier], 1);
          return true;
        } catch {
          return false;
        }
      });
    if (kept.length === 0) throw new XprovError('XP_LOG_WITNESS', `witness ${w.url} sent no valid cosignature`);
    return kept.join('');
  }
  throw new XprovError('XP_WITNESS_REFUSED', `witness ${w.url} kept answering 409`);
}
