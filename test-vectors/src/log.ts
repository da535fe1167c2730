/**
 * A real transparency log, in memory (DESIGN §3, spec/log.md): RFC 9162 tree over the JCS log
 * entries, checkpoints as C2SP signed notes with a fixed Ed25519 note key, C2SP
 * tlog-cosignature/v1 witness cosignatures, and receipts `{credentialId, origin, index, treeSize,
 * inclusionProof, checkpoint}` (spec/log-entry.md). The governor service assembles receipts the
 * same way from its log client.
 */
import { buildLogEntry, jcsBytes } from '@xprov/format';
import {
  type CosignerKey,
  cosignCheckpoint,
  generateCosignerKey,
  generateNoteKey,
  MemoryTree,
  type NoteKey,
  signCheckpoint,
} from '@xprov/log-core';
import { seedFor } from './determinism.js';

export interface Receipt {
  credentialId: string;
  /** The logged entry bytes, base64, when the receipt carries them (spec/verification.md §13.5). */
  entry?: string;
  origin: string;
  index: number;
  treeSize: number;
  inclusionProof: string[];
  checkpoint: string;
}

/** The log's note key from a label (the key name is the origin, as C2SP tlog-checkpoint advises). */
export function logKey(origin: string, label = 'log'): NoteKey {
  return generateNoteKey(origin, seedFor(`log-key/${label}`));
}

/** A witness cosigner key (tlog-cosignature/v1, key type 0x04) from a label. */
export function witnessKey(label: string): CosignerKey {
  return generateCosignerKey(`${label}.witness.vectors.xprov.example`, seedFor(`witness/${label}`));
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export class VectorLog {
  readonly tree = new MemoryTree();
  constructor(
    readonly origin: string,
    readonly key: NoteKey,
  ) {}

  /** Appends raw entry bytes (e.g. entries of other executions); returns the index. */
  appendBytes(bytes: Uint8Array): number {
    return this.tree.append(bytes);
  }

  /**
   * Logs a signed credential's entry (spec/log-entry.md §1); returns the index and the entry
   * bytes. `edit` changes the entry before it is logged (a log that holds something else).
   */
  add(credential: { id?: unknown }, edit?: (entry: Record<string, unknown>) => void): { index: number; bytes: Uint8Array } {
    let { entry, bytes } = buildLogEntry(credential as Parameters<typeof buildLogEntry>[0]);
    if (edit) {
      const copy: Record<string, unknown> = { ...entry };
      edit(copy);
      bytes = jcsBytes(copy);
    }
    return { index: this.tree.append(bytes), bytes };
  }

  /**
   * Signs a checkpoint of the current tree with the log key (`signer` overrides it, to forge),
   * then appends each witness's cosignature at `witnessTime` (Unix seconds).
   */
  checkpoint(witnesses: readonly CosignerKey[] = [], witnessTime = 0, signer: NoteKey = this.key, size = this.tree.size): string {
    const body = { origin: this.origin, size, rootHash: this.tree.root(size) };
    const signed = signCheckpoint(body, [signer.signer]);
    const text = signed.slice(0, signed.indexOf('\n\n') + 1);
    return signed + witnesses.map((w) => cosignCheckpoint(text, witnessTime, w)).join('');
  }

  /** The receipt of a logged credential against a signed checkpoint of size `size`. */
  receipt(credentialId: string, index: number, checkpoint: string, size = this.tree.size, entry?: Uint8Array): Receipt {
    return {
      credentialId,
      ...(entry ? { entry: b64(entry) } : {}),
      origin: this.origin,
      index,
      treeSize: size,
      inclusionProof: this.tree.inclusionProof(index, size).map(b64),
      checkpoint,
    };
  }

  /** A base64 RFC 9162 consistency proof between two sizes. */
  consistencyProof(from: number, to = this.tree.size): string[] {
    return this.tree.consistencyProof(from, to).map(b64);
  }
}
