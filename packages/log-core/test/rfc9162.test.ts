import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  inclusionProofIndexes,
  leafHash,
  MemoryTree,
  rootFromInclusionProof,
  rootHash,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../src/index.js';
import { enc, expectCode, expectCodeAsync, hex, toHex } from './helpers.js';

// RFC 6962 reference vectors, transcribed from transparency-dev/merkle
// testonly/constants.go (LeafInputs, NodeHashes, RootHashes) and proof/verify_test.go
// (inclusionProofs with 1-based leaf numbers, consistencyProofs). Apache-2.0 upstream; values only.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const LEAF_HASHES = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];
const INCLUSION: [number, number, string[]][] = [
  [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];
const CONSISTENCY: [number, number, string[]][] = [
  [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  [6, 7, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
];

function tree(n: number): MemoryTree {
  const t = new MemoryTree();
  for (let i = 0; i < n; i++) t.append(enc(`entry ${i}`));
  return t;
}

describe('RFC 6962 reference vectors', () => {
  it('hashes leaves and computes roots for sizes 0..8', () => {
    expect(toHex(EMPTY_ROOT)).toBe(ROOTS[0]);
    LEAVES.forEach((l, i) => {
      expect(toHex(leafHash(l))).toBe(LEAF_HASHES[i]);
    });
    const t = new MemoryTree();
    for (let n = 0; n <= 8; n++) {
      expect(toHex(rootHash(LEAVES.slice(0, n).map(leafHash)))).toBe(ROOTS[n]);
      expect(toHex(t.root())).toBe(ROOTS[n]);
      if (n < 8) t.append(LEAVES[n]!);
    }
  });

  it('generates and verifies the published inclusion proofs', () => {
    const t = new MemoryTree();
    for (const l of LEAVES) t.append(l);
    for (const [index, size, proof] of INCLUSION) {
      expect(t.inclusionProof(index, size).map(toHex)).toEqual(proof);
      verifyInclusion(leafHash(LEAVES[index]!), index, size, proof.map(hex), hex(ROOTS[size]!));
    }
  });

  it('generates and verifies the published consistency proofs', () => {
    const t = new MemoryTree();
    for (const l of LEAVES) t.append(l);
    for (const [m, n, proof] of CONSISTENCY) {
      expect(t.consistencyProof(m, n).map(toHex)).toEqual(proof);
      verifyConsistency(m, n, proof.map(hex), hex(ROOTS[m]!), hex(ROOTS[n]!));
    }
  });
});

describe('proofs for every (index, size) and (m, n) up to 64', () => {
  const t = tree(64);
  const leaves = Array.from({ length: 64 }, (_, i) => t.leafHash(i));
  it('roots from the plan match the recursive MTH', () => {
    for (let n = 0; n <= 64; n++) expect(toHex(t.root(n))).toBe(toHex(rootHash(leaves.slice(0, n))));
  });
  it('every inclusion proof verifies, and fails when tampered', () => {
    for (let n = 1; n <= 64; n++) {
      const root = t.root(n);
      for (let i = 0; i < n; i++) {
        const p = t.inclusionProof(i, n);
        verifyInclusion(leaves[i]!, i, n, p, root);
        for (let k = 0; k < p.length; k++) {
          const bad = p.map((h) => h.slice());
          bad[k]![k % 32]! ^= 1;
          expectCode(() => verifyInclusion(leaves[i]!, i, n, bad, root), 'XP_LOG_INCLUSION');
        }
        if (n > 1) expectCode(() => verifyInclusion(leaves[i]!, (i + 1) % n, n, p, root), 'XP_LOG_INCLUSION');
        expectCode(() => verifyInclusion(leaves[i]!, i, n, [...p, root], root), 'XP_LOG_INCLUSION');
        if (p.length > 0) expectCode(() => verifyInclusion(leaves[i]!, i, n, p.slice(1), root), 'XP_LOG_INCLUSION');
      }
    }
  });
  it('every consistency proof verifies, and fails when tampered', () => {
    for (let n = 1; n <= 64; n++) {
      for (let m = 0; m <= n; m++) {
        const p = t.consistencyProof(m, n);
        verifyConsistency(m, n, p, t.root(m), t.root(n));
        for (let k = 0; k < p.length; k++) {
          const bad = p.map((h) => h.slice());
          bad[k]![31]! ^= 0x80;
          expectCode(() => verifyConsistency(m, n, bad, t.root(m), t.root(n)), 'XP_LOG_INCONSISTENT');
        }
        if (m > 0 && m < n) {
          expectCode(() => verifyConsistency(m, n, p, t.root(m - 1), t.root(n)), 'XP_LOG_INCONSISTENT');
          expectCode(() => verifyConsistency(m, n, p, t.root(m), t.root(n - 1)), 'XP_LOG_INCONSISTENT');
          expectCode(() => verifyConsistency(m, n, [], t.root(m), t.root(n)), 'XP_LOG_INCONSISTENT');
          expectCode(() => verifyConsistency(m, n, [...p, p[0]!], t.root(m), t.root(n)), 'XP_LOG_INCONSISTENT');
        }
      }
    }
  });
});

describe('verification edge cases (RFC 9162 §2.1.3.2, §2.1.4.2)', () => {
  const t = tree(5);
  it('rejects index ≥ size, wrong hash sizes, non-integers', () => {
    expectCode(() => rootFromInclusionProof(t.leafHash(0), 5, 5, []), 'XP_LOG_INCLUSION');
    expectCode(() => rootFromInclusionProof(t.leafHash(0), 0, 0, []), 'XP_LOG_INCLUSION');
    expectCode(() => rootFromInclusionProof(t.leafHash(0), -1, 5, []), 'XP_LOG_INCLUSION');
    expectCode(() => rootFromInclusionProof(t.leafHash(0), 0.5, 5, []), 'XP_LOG_INCLUSION');
    expectCode(() => rootFromInclusionProof(new Uint8Array(31), 0, 1, []), 'XP_LOG_INCLUSION');
    const p = t.inclusionProof(1, 5);
    expectCode(() => verifyInclusion(t.leafHash(1), 1, 5, [p[0]!, new Uint8Array(31), p[2]!], t.root()), 'XP_LOG_INCLUSION');
    expectCode(() => verifyInclusion(t.leafHash(1), 1, 5, p, new Uint8Array(32)), 'XP_LOG_INCLUSION');
  });
  it('single-entry tree: root is the leaf hash, proof empty', () => {
    const one = tree(1);
    verifyInclusion(one.leafHash(0), 0, 1, [], one.root());
    expectCode(() => verifyInclusion(one.leafHash(0), 0, 1, [one.root()], one.root()), 'XP_LOG_INCLUSION');
  });
  it('consistency: m > n fails, m = n needs equal roots and empty proof, m = 0 needs empty proof', () => {
    expectCode(() => verifyConsistency(5, 4, [], t.root(5), t.root(4)), 'XP_LOG_INCONSISTENT');
    verifyConsistency(5, 5, [], t.root(), t.root());
    expectCode(() => verifyConsistency(5, 5, [], t.root(4), t.root()), 'XP_LOG_INCONSISTENT');
    expectCode(() => verifyConsistency(5, 5, [t.root()], t.root(), t.root()), 'XP_LOG_INCONSISTENT');
    verifyConsistency(0, 5, [], EMPTY_ROOT, t.root());
    expectCode(() => verifyConsistency(0, 5, [t.root()], EMPTY_ROOT, t.root()), 'XP_LOG_INCONSISTENT');
    expectCode(() => verifyConsistency(1, 5, t.consistencyProof(1, 5), new Uint8Array(3), t.root()), 'XP_LOG_INCONSISTENT');
  });
  it('plans reject impossible requests', () => {
    expectCode(() => inclusionProofIndexes(3, 3), 'XP_LOG_PROOF_PLAN');
    expectCode(() => t.consistencyProof(2, 6), 'XP_LOG_PROOF_PLAN');
  });
});

describe('proofs from a hash reader', () => {
  it('async readers give the same proofs as the memory tree', async () => {
    const t = tree(37);
    const read = async (ids: { level: number; index: number }[]) => t.readHashes(ids);
    expect((await inclusionProof(20, 37, read)).map(toHex)).toEqual(t.inclusionProof(20).map(toHex));
    expect((await consistencyProof(13, 37, read)).map(toHex)).toEqual(t.consistencyProof(13).map(toHex));
    expect(toHex(await treeRoot(37, read))).toBe(toHex(t.root()));
    expect(toHex(await treeRoot(0, read))).toBe(toHex(EMPTY_ROOT));
  });
  it('a reader returning the wrong number of hashes is refused', async () => {
    await expectCodeAsync(() => inclusionProof(3, 9, () => []), 'XP_LOG_PROOF_PLAN');
  });
});
