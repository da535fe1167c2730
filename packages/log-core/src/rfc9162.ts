/**
 * RFC 9162 §2.1 Merkle Tree (identical to RFC 6962 §2.1 with SHA-256): leaf and node hashing,
 * the Merkle Tree Hash, and inclusion (§2.1.3) and consistency (§2.1.4) proofs.
 *
 * Proof generation works from stored hashes of *complete* subtrees, as a tile-backed log has
 * them (cf. Go's sumdb/tlog ProveRecord/ProveTree, Tessera's proof builder): a proof is first
 * *planned* as a list of groups of complete-subtree node ids, the caller reads those hashes
 * from wherever it keeps them, and each group is folded right-to-left into one proof hash
 * (a group with several ids is a partial right edge of the tree).
 *
 * Verification follows RFC 9162 §2.1.3.2 and §2.1.4.2 step by step. Everything handed to the
 * verifiers (indexes, sizes, proof hashes, roots) is attacker-controlled.
 */
import { sha256 } from '@xprov/format';
import { XprovError } from '@xprov/format';
import { bytesEqual, isSafeIndex } from './bytes.js';

export const HASH_SIZE = 32;

/**
 * Longest inclusion path a receipt (JSON or COSE) may carry: in a tree of n leaves a path has at
 * most ceil(log2 n) hashes (§2.1.3), so at most 63 in a tree of at most 2^63 leaves — the bound
 * tlog-proof and tlog-witness use too (spec/log.md 5.3); xprov's tree sizes, safe integers, stay
 * far below it. A longer path in attacker-supplied input is malformed.
 */
export const MAX_INCLUSION_PATH = 63;
export type Hash = Uint8Array;

/** MTH({}) = SHA-256() (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Hash = sha256(new Uint8Array(0));

/** MTH({d}) = SHA-256(0x00 ‖ d). */
export function leafHash(entry: Uint8Array): Hash {
  const b = new Uint8Array(1 + entry.length);
  b[0] = 0x00;
  b.set(entry, 1);
  return sha256(b);
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  const b = new Uint8Array(1 + 2 * HASH_SIZE);
  b[0] = 0x01;
  b.set(left, 1);
  b.set(right, 1 + HASH_SIZE);
  return sha256(b);
}

/**
 * A complete subtree: the node at height `level` covering leaves
 * [index·2^level, (index+1)·2^level). Level 0 nodes are leaf hashes.
 */
export interface NodeId {
  level: number;
  index: number;
}

/**
 * A planned proof: one group per proof hash, in proof order. A group lists complete
 * subtrees left to right; its proof hash is their right-to-left fold with `nodeHash`.
 */
export type ProofPlan = NodeId[][];

/** Reads stored complete-subtree hashes, one per id, in order. */
export type HashReader = (ids: NodeId[]) => Hash[] | Promise<Hash[]>;

/** The largest power of two strictly less than n (n ≥ 2): RFC 9162 §2.1.1's k. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The complete subtrees whose fold is MTH(D[lo:hi]), left to right. `lo` must be a multiple
 * of the largest power of two ≤ hi − lo, which holds for every range MTH recursion produces.
 */
export function subtreeNodeIds(lo: number, hi: number): NodeId[] {
  const out: NodeId[] = [];
  while (lo < hi) {
    let k = 1;
    let level = 0;
    while (k * 2 <= hi - lo && lo % (k * 2) === 0) {
      k *= 2;
      level++;
    }
    out.push({ level, index: lo / k });
    lo += k;
  }
  return out;
}

/** Folds a group of subtree hashes right to left into one hash. */
export function foldHashes(hashes: Hash[]): Hash {
  if (hashes.length === 0) throw new XprovError('XP_LOG_PROOF_PLAN', 'empty hash group');
  let h = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) h = nodeHash(hashes[i]!, h);
  return h;
}

/** MTH over leaf hashes (RFC 9162 §2.1.1), for tests, vectors and small trees. */
export function rootHash(leafHashes: Hash[]): Hash {
  const n = leafHashes.length;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leafHashes[0]!;
  const k = splitPoint(n);
  return nodeHash(rootHash(leafHashes.slice(0, k)), rootHash(leafHashes.slice(k)));
}

function checkArgs(code: string, ok: boolean, what: string): void {
  if (!ok) throw new XprovError(code, what);
}

/** The plan for the root of a tree of `size` leaves: a single group (empty for size 0). */
export function rootPlan(size: number): ProofPlan {
  checkArgs('XP_LOG_PROOF_PLAN', isSafeIndex(size), 'size must be a non-negative integer');
  return size === 0 ? [] : [subtreeNodeIds(0, size)];
}

/** RFC 9162 §2.1.3.1 PATH(index, D[0:size]) as a plan. */
export function inclusionProofIndexes(index: number, size: number): ProofPlan {
  checkArgs(
    'XP_LOG_PROOF_PLAN',
    isSafeIndex(index) && isSafeIndex(size) && index < size,
    'inclusion proof needs 0 ≤ index < size',
  );
  const out: ProofPlan = [];
  const walk = (lo: number, hi: number): void => {
    if (hi - lo === 1) return;
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      walk(lo, lo + k);
      out.push(subtreeNodeIds(lo + k, hi));
    } else {
      walk(lo + k, hi);
      out.push(subtreeNodeIds(lo, lo + k));
    }
  };
  walk(0, size);
  return out;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) as a plan; empty when m = 0 or m = n. */
export function consistencyProofIndexes(m: number, n: number): ProofPlan {
  checkArgs(
    'XP_LOG_PROOF_PLAN',
    isSafeIndex(m) && isSafeIndex(n) && m <= n,
    'consistency proof needs 0 ≤ m ≤ n',
  );
  const out: ProofPlan = [];
  if (m === 0 || m === n) return out;
  // SUBPROOF(m, D[lo:hi], b), m relative to lo.
  const sub = (m: number, lo: number, hi: number, b: boolean): void => {
    if (m === hi - lo) {
      if (!b) out.push(subtreeNodeIds(lo, hi));
      return;
    }
    const k = splitPoint(hi - lo);
    if (m <= k) {
      sub(m, lo, lo + k, b);
      out.push(subtreeNodeIds(lo + k, hi));
    } else {
      sub(m - k, lo + k, hi, false);
      out.push(subtreeNodeIds(lo, lo + k));
    }
  };
  sub(m, 0, n, true);
  return out;
}

/** All node ids a plan needs, in plan order (what to hand to a HashReader). */
export function planNodeIds(plan: ProofPlan): NodeId[] {
  return plan.flat();
}

/** Folds the hashes read for `planNodeIds(plan)` into the proof hashes. */
export function assembleProof(plan: ProofPlan, hashes: Hash[]): Hash[] {
  const ids = planNodeIds(plan);
  if (hashes.length !== ids.length) {
    throw new XprovError('XP_LOG_PROOF_PLAN', `hash reader returned ${hashes.length} hashes for ${ids.length} ids`);
  }
  for (const h of hashes) {
    if (h.length !== HASH_SIZE) throw new XprovError('XP_LOG_PROOF_PLAN', 'hash reader returned a hash of the wrong size');
  }
  const out: Hash[] = [];
  let o = 0;
  for (const group of plan) {
    out.push(foldHashes(hashes.slice(o, o + group.length)));
    o += group.length;
  }
  return out;
}

async function runPlan(plan: ProofPlan, read: HashReader): Promise<Hash[]> {
  const ids = planNodeIds(plan);
  const hashes = ids.length === 0 ? [] : await read(ids);
  return assembleProof(plan, hashes);
}

/** Inclusion proof for leaf `index` in the tree of `size`, from stored hashes. */
export function inclusionProof(index: number, size: number, read: HashReader): Promise<Hash[]> {
  return runPlan(inclusionProofIndexes(index, size), read);
}

/** Consistency proof from size m to size n, from stored hashes. */
export function consistencyProof(m: number, n: number, read: HashReader): Promise<Hash[]> {
  return runPlan(consistencyProofIndexes(m, n), read);
}

/** Root hash of the tree of `size`, from stored hashes. */
export async function treeRoot(size: number, read: HashReader): Promise<Hash> {
  const plan = rootPlan(size);
  if (plan.length === 0) return EMPTY_ROOT;
  return (await runPlan(plan, read))[0]!;
}

function isHash(h: unknown): h is Hash {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

/**
 * RFC 9162 §2.1.3.2: the root implied by an inclusion proof. Throws `XP_LOG_INCLUSION` when
 * the inputs cannot form a valid proof (index ≥ size, wrong hash sizes, wrong proof length).
 */
export function rootFromInclusionProof(leaf: Hash, index: number, size: number, proof: Hash[]): Hash {
  const fail = (why: string): never => {
    throw new XprovError('XP_LOG_INCLUSION', `inclusion proof invalid: ${why}`);
  };
  if (!isSafeIndex(index) || !isSafeIndex(size)) fail('index and size must be non-negative integers');
  if (index >= size) fail('index ≥ tree size');
  if (!isHash(leaf)) fail('leaf hash is not 32 bytes');
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (!isHash(p)) fail('proof hash is not 32 bytes');
    if (sn === 0) fail('proof too long');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) fail('proof too short');
  return r;
}

/** RFC 9162 §2.1.3.2: throws `XP_LOG_INCLUSION` unless `proof` proves `leaf` at `index` under `root`. */
export function verifyInclusion(leaf: Hash, index: number, size: number, proof: Hash[], root: Hash): void {
  const r = rootFromInclusionProof(leaf, index, size, proof);
  if (!isHash(root) || !bytesEqual(r, root)) {
    throw new XprovError('XP_LOG_INCLUSION', 'inclusion proof does not reach the root');
  }
}

/**
 * RFC 9162 §2.1.4.2: throws `XP_LOG_INCONSISTENT` unless `proof` shows the tree of size
 * `first` with root `firstRoot` is a prefix of the tree of size `second` with `secondRoot`.
 * Edge cases as RFC 9162 implies them: first > second fails; first = second needs an empty
 * proof and equal roots; first = 0 needs an empty proof (the empty tree is a prefix of all).
 */
export function verifyConsistency(first: number, second: number, proof: Hash[], firstRoot: Hash, secondRoot: Hash): void {
  const fail = (why: string): never => {
    throw new XprovError('XP_LOG_INCONSISTENT', `consistency proof invalid: ${why}`);
  };
  if (!isSafeIndex(first) || !isSafeIndex(second)) fail('sizes must be non-negative integers');
  if (first > second) fail('first size is larger than second');
  if (!isHash(firstRoot) || !isHash(secondRoot)) fail('root is not 32 bytes');
  if (first === second) {
    if (proof.length !== 0) fail('proof must be empty for equal sizes');
    if (!bytesEqual(firstRoot, secondRoot)) fail('equal sizes with different roots');
    return;
  }
  if (first === 0) {
    if (proof.length !== 0) fail('proof must be empty from the empty tree');
    return;
  }
  // Step 1.
  if (proof.length === 0) fail('empty proof');
  for (const p of proof) if (!isHash(p)) fail('proof hash is not 32 bytes');
  // Step 2: if first is an exact power of 2, prepend first_hash.
  const path = isPow2(first) ? [firstRoot, ...proof] : proof;
  // Step 3.
  let fn = first - 1;
  let sn = second - 1;
  // Step 4.
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // Step 6.
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) fail('proof too long');
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 7.
  if (sn !== 0) fail('proof too short');
  if (!bytesEqual(fr, firstRoot)) fail('proof does not reach the first root');
  if (!bytesEqual(sr, secondRoot)) fail('proof does not reach the second root');
}

function isPow2(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}
