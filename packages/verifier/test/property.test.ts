/**
 * Property (issue 4 item 5): random mutations of a valid bundle never verify as `valid` and never
 * throw. Mutations act on one JSON path: change a string or number, flip a boolean, drop an object
 * key, or swap two different array items (receipts excepted: their order carries no meaning).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../src/index.js';
import { type Draft, makeBundle } from './fixture.js';

const { bundle, trust } = await makeBundle({ witnesses: 1 });

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) paths(value[i], [...prefix, i], out);
  } else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  if (prefix.length > 0) out.push(prefix);
  return out;
}

const all = paths(bundle);

function parentOf(root: Draft, path: Path): [Draft, string | number] {
  let node: Draft = root;
  for (const p of path.slice(0, -1)) node = node[p as string];
  return [node, path[path.length - 1]!];
}

/** Applies mutation `kind` at `path`; returns false when it would not change anything. */
function mutate(root: Draft, path: Path, kind: number, seed: number): boolean {
  const [parent, key] = parentOf(root, path);
  const value = parent[key as string];
  switch (kind) {
    case 0: // change a leaf
      if (typeof value === 'string') parent[key as string] = value.length > 0 && seed % 2 === 0 ? value.slice(0, -1) + String.fromCharCode(((value.charCodeAt(value.length - 1) + 1 + (seed % 7)) % 94) + 33) : `${value}x`;
      else if (typeof value === 'number') parent[key as string] = value + 1 + (seed % 3);
      else if (typeof value === 'boolean') parent[key as string] = !value;
      else parent[key as string] = null;
      return true;
    case 1: // drop an object key
      if (Array.isArray(parent)) return false;
      delete parent[key as string];
      return true;
    default: {
      // swap two array items
      if (!Array.isArray(parent) || parent.length < 2 || path.includes('receipts')) return false;
      const i = key as number;
      const j = (i + 1 + (seed % (parent.length - 1))) % parent.length;
      if (JSON.stringify(parent[i]) === JSON.stringify(parent[j])) return false;
      [parent[i], parent[j]] = [parent[j], parent[i]];
      return true;
    }
  }
}

describe('random mutations of a valid bundle', () => {
  it('the unmutated bundle is valid', async () => {
    expect((await verifyBundle(bundle, trust)).verdict).toBe('valid');
  });

  it('never verify as valid and never throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(all.length - 1), fc.nat(2), fc.nat(1000), async (p, kind, seed) => {
        const copy = structuredClone(bundle);
        fc.pre(mutate(copy, all[p]!, kind, seed));
        const r = await verifyBundle(copy, trust);
        if (r.verdict === 'valid') throw new Error(`mutation ${kind} at ${all[p]!.join('.')} still valid`);
      }),
      { numRuns: 300, seed: 4242 },
    );
  }, 120_000);
});
