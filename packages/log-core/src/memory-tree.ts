/**
 * An in-memory RFC 9162 tree that keeps every complete-subtree hash, for tests, vectors and
 * small tools. Proofs go through the same plans a tile-backed log uses (rfc9162.ts), so this
 * also checks the planning code against `rootHash`.
 */
import { XprovError } from '@xprov/format';
import {
  assembleProof,
  consistencyProofIndexes,
  EMPTY_ROOT,
  type Hash,
  inclusionProofIndexes,
  leafHash,
  type NodeId,
  nodeHash,
  planNodeIds,
  type ProofPlan,
  rootPlan,
} from './rfc9162.js';

export class MemoryTree {
  /** levels[l][i] = hash of the complete subtree at height l, index i. */
  private readonly levels: Hash[][] = [[]];

  get size(): number {
    return this.levels[0]!.length;
  }

  /** Appends an entry; returns its index. */
  append(entry: Uint8Array): number {
    return this.appendLeafHash(leafHash(entry));
  }

  appendLeafHash(h: Hash): number {
    const index = this.size;
    this.levels[0]!.push(h);
    let level = 0;
    let i = index;
    // Each trailing 1 bit of the index completes one subtree (cf. RFC 9162 §2.1.1).
    while (i % 2 === 1) {
      const row = this.levels[level]!;
      const parent = nodeHash(row[i - 1]!, row[i]!);
      level++;
      if (this.levels.length === level) this.levels.push([]);
      this.levels[level]!.push(parent);
      i = (i - 1) / 2;
    }
    return index;
  }

  leafHash(index: number): Hash {
    const h = this.levels[0]![index];
    if (h === undefined) throw new XprovError('XP_LOG_PROOF_PLAN', `no leaf ${index}`);
    return h;
  }

  /** Hash reader over the stored complete subtrees. */
  readHashes = (ids: NodeId[]): Hash[] =>
    ids.map(({ level, index }) => {
      const h = this.levels[level]?.[index];
      if (h === undefined) throw new XprovError('XP_LOG_PROOF_PLAN', `no node ${level}/${index}`);
      return h;
    });

  private run(plan: ProofPlan): Hash[] {
    return assembleProof(plan, this.readHashes(planNodeIds(plan)));
  }

  root(size = this.size): Hash {
    this.checkSize(size);
    return size === 0 ? EMPTY_ROOT : this.run(rootPlan(size))[0]!;
  }

  inclusionProof(index: number, size = this.size): Hash[] {
    this.checkSize(size);
    return this.run(inclusionProofIndexes(index, size));
  }

  consistencyProof(m: number, n = this.size): Hash[] {
    this.checkSize(n);
    return this.run(consistencyProofIndexes(m, n));
  }

  private checkSize(size: number): void {
    if (size > this.size) throw new XprovError('XP_LOG_PROOF_PLAN', `size ${size} beyond tree size ${this.size}`);
  }
}
