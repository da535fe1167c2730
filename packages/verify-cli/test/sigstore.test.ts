/**
 * `xprov-verify --sigstore` through the real binaries, on the committed interop vectors
 * (test-vectors/interop/sigstore): exit codes, --json shape, and the single file alone.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = join(import.meta.dirname, '..');
const dir = join(pkg, '../../test-vectors/interop/sigstore');
const work = mkdtempSync(join(tmpdir(), 'xprov-verify-sigstore-'));
const shim = join(pkg, 'bin/xprov-verify.js');

interface SigstoreVector {
  id: string;
  sigstoreBundle: unknown;
  provenanceBundle?: unknown;
  trust: unknown;
  expected: { verdict: string; codes: string[] };
}

function files(v: SigstoreVector): string[] {
  const att = join(work, `${v.id}.sigstore.json`);
  const trust = join(work, `${v.id}.trust.json`);
  writeFileSync(att, JSON.stringify(v.sigstoreBundle));
  writeFileSync(trust, JSON.stringify(v.trust));
  const args = ['--sigstore', att, '--trust', trust];
  if (v.provenanceBundle !== undefined) {
    const bundle = join(work, `${v.id}.bundle.json`);
    writeFileSync(bundle, JSON.stringify(v.provenanceBundle));
    args.push(bundle);
  }
  return args;
}

const run = (bin: string, args: string[], cwd = work) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd, timeout: 60_000 });
const vectors = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as SigstoreVector);

describe('xprov-verify --sigstore', () => {
  for (const v of vectors) {
    it(`${v.id}: exit ${v.expected.verdict === 'valid' ? 0 : 1} with ${v.expected.codes.join(', ') || 'no failure'}`, () => {
      const r = run(shim, [...files(v), '--json']);
      expect(r.status).toBe(v.expected.verdict === 'valid' ? 0 : 1);
      const out = JSON.parse(r.stdout) as { verdict: string; codes: string[]; checks: Array<{ id: string; code: string; ok: boolean }> };
      expect(out.verdict).toBe(v.expected.verdict);
      expect(out.codes).toEqual(v.expected.codes);
    });
  }

  it('the human report names the failing check and code', () => {
    const v = vectors.find((x) => x.id === 'sigstore-predicate-altered') as SigstoreVector;
    const r = run(shim, files(v));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^xprov-verify: INVALID/);
    expect(r.stdout).toContain('✗ A7 XP_ATTESTATION_MISMATCH');
  });

  it('2 for an unreadable attestation or trust file, a trust file that is not one', () => {
    const v = vectors.find((x) => x.id === 'sigstore-valid-delegation-1') as SigstoreVector;
    const [, att, , trust] = files(v) as [string, string, string, string];
    expect(run(shim, ['--sigstore', join(work, 'nope.json'), '--trust', trust]).status).toBe(2);
    expect(run(shim, ['--sigstore', att, '--trust', join(work, 'nope.json')]).status).toBe(2);
    const bad = join(work, 'bad-trust.json');
    writeFileSync(bad, '{"governors": 1}');
    const r = run(shim, ['--sigstore', att, '--trust', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^xprov-verify: XP_TRUST_INVALID:/);
  });

  it('1 with XP_ATTESTATION_MALFORMED for an attestation file that is not JSON', () => {
    const v = vectors.find((x) => x.id === 'sigstore-valid-delegation-1') as SigstoreVector;
    const [, , , trust] = files(v) as [string, string, string, string];
    const junk = join(work, 'junk.json');
    writeFileSync(junk, 'not json');
    const r = run(shim, ['--sigstore', junk, '--trust', trust, '--json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).codes).toEqual(['XP_ATTESTATION_MALFORMED']);
  });

  it('works from the single file alone in an empty directory', () => {
    const empty = mkdtempSync(join(tmpdir(), 'xprov-verify-sigstore-single-'));
    copyFileSync(join(pkg, 'dist/xprov-verify.mjs'), join(empty, 'xprov-verify.mjs'));
    const v = vectors.find((x) => x.id === 'sigstore-valid-delegation-1') as SigstoreVector;
    const r = run(join(empty, 'xprov-verify.mjs'), files(v), empty);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^xprov-verify: VALID/);
  });
});
