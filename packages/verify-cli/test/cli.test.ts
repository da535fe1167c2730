/**
 * xprov-verify through the real binaries (child_process): the bin shim over dist/main.js and the
 * single-file build copied alone into an empty directory. Exit codes 0/1/2/3, --json shape, the
 * human report, and that no network is touched without --online.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const pkg = join(import.meta.dirname, '..');
const vectorsDir = join(pkg, '../../test-vectors/vectors');
const shim = join(pkg, 'bin/xprov-verify.js');
const single = join(pkg, 'dist/xprov-verify.mjs');
const work = mkdtempSync(join(tmpdir(), 'xprov-verify-'));

interface Vector {
  id: string;
  bundle: unknown;
  trust: unknown;
  expected: { verdict: string; codes: string[] };
}

const vectorFiles = existsSync(vectorsDir) ? readdirSync(vectorsDir).filter((f) => f.endsWith('.json') && f !== 'index.json').sort() : [];

/** Writes a vector's bundle and trust file into the work dir; returns their paths. */
function files(id: string): { bundle: string; trust: string; vector: Vector } {
  const vector = JSON.parse(readFileSync(join(vectorsDir, `${id}.json`), 'utf8')) as Vector;
  const bundle = join(work, `${id}.bundle.json`);
  const trust = join(work, `${id}.trust.json`);
  writeFileSync(bundle, JSON.stringify(vector.bundle));
  writeFileSync(trust, JSON.stringify(vector.trust));
  return { bundle, trust, vector };
}

function run(bin: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: opts.cwd ?? work, env: opts.env ?? process.env, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const EXIT = { valid: 0, invalid: 1, inconclusive: 3 } as Record<string, number>;

beforeAll(() => {
  // The build is part of `pnpm --filter @xprov/verify-cli build`; rebuild if missing.
  if (!existsSync(single)) execFileSync('pnpm', ['run', 'build'], { cwd: pkg, stdio: 'ignore' });
});

describe('exit codes and output (bin shim)', () => {
  it('0 for a valid bundle, with the chain drawn', () => {
    const f = files('valid-delegation-2');
    const r = run(shim, [f.bundle, '--trust', f.trust]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^xprov-verify: VALID/);
    expect(r.stdout).toContain('authority did:key:');
    expect(r.stdout).toMatch(/└─ grant .*\n\s+└─ grant .*\n\s+└─ grant .*\n\s+└─ permit .*\n\s+└─ outcome .*succeeded/);
    expect(r.stdout).toContain('✓ 6.1');
    expect(r.stdout).not.toContain('✗');
  });

  it('1 for an invalid bundle, naming code, credential and meaning', () => {
    const f = files('chain-escalation-actions');
    const r = run(shim, [f.bundle, '--trust', f.trust]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ XP_CHAIN_ESCALATION at step 7\.4 — urn:uuid:/);
    expect(r.stdout).toContain('grants more actions, resources or time than its parent');
  });

  it('3 for an inconclusive bundle', () => {
    const f = files('did-unresolved-web-authority');
    expect(run(shim, [f.bundle, '--trust', f.trust]).code).toBe(3);
  });

  it('a denial bundle is valid evidence of a refusal, and says so', () => {
    const f = files('valid-denial');
    const r = run(shim, [f.bundle, '--trust', f.trust]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('REFUSED');
  });

  it('--json prints {verdict, checks: [{code, ok, message, credentialId}], codes}', () => {
    const f = files('log-order-outcome-before-permit');
    const r = run(shim, [f.bundle, '--trust', f.trust, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.verdict).toBe('invalid');
    expect(out.codes).toEqual(['XP_LOG_ORDER']);
    for (const c of out.checks) {
      expect(typeof c.code).toBe('string');
      expect(typeof c.ok).toBe('boolean');
      expect(typeof c.message).toBe('string');
      expect(typeof c.id).toBe('string');
    }
    expect(out.checks.find((c: { ok: boolean }) => !c.ok).credentialId).toMatch(/^urn:uuid:/);
  });

  it('2 for usage errors: no bundle, no --trust, unknown option', () => {
    const f = files('valid-root-grant-only');
    expect(run(shim, []).code).toBe(2);
    expect(run(shim, [f.bundle]).code).toBe(2);
    expect(run(shim, [f.bundle, '--trust', f.trust, '--frobnicate']).code).toBe(2);
  });

  it('2 for I/O errors: a missing bundle or trust file (XP_IO)', () => {
    const f = files('valid-root-grant-only');
    const a = run(shim, [join(work, 'nope.json'), '--trust', f.trust]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/^xprov-verify: XP_IO: /);
    expect(run(shim, [f.bundle, '--trust', join(work, 'nope.json')]).code).toBe(2);
  });

  it('2 for a trust file that is not JSON or not a trust file (XP_TRUST_INVALID)', () => {
    const f = files('valid-root-grant-only');
    const bad = join(work, 'bad-trust.json');
    writeFileSync(bad, '{not json');
    const a = run(shim, [f.bundle, '--trust', bad]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('XP_TRUST_INVALID');
    writeFileSync(bad, '{"version": 1}');
    expect(run(shim, [f.bundle, '--trust', bad]).code).toBe(2);
  });

  it('1 with XP_MALFORMED for a bundle file that is not JSON (attacker content, not a usage error)', () => {
    const f = files('valid-root-grant-only');
    const bad = join(work, 'bad-bundle.json');
    writeFileSync(bad, '\u0000garbage');
    const r = run(shim, [bad, '--trust', f.trust, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).codes).toEqual(['XP_MALFORMED']);
  });

  it('1 with XP_MALFORMED for a bundle with a duplicate member name, which JSON.parse would hide (cli-verify.md §2a)', () => {
    const f = files('valid-delegation-2');
    const text = readFileSync(f.bundle, 'utf8');
    expect(run(shim, [f.bundle, '--trust', f.trust]).code).toBe(0);
    // A second "limits" member in the permit's subject: JSON.parse keeps this one, unsigned.
    const dup = text.replace('"limits":{', '"limits":{"maxInvocations":100},"limits":{');
    expect(dup).not.toBe(text);
    const bad = join(work, 'dup-bundle.json');
    writeFileSync(bad, dup);
    const r = run(shim, [bad, '--trust', f.trust, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).codes).toEqual(['XP_MALFORMED']);
  });

  it('1 with XP_MALFORMED for a bundle that is not UTF-8', () => {
    const f = files('valid-root-grant-only');
    const bad = join(work, 'latin1-bundle.json');
    writeFileSync(bad, Buffer.concat([Buffer.from('{"type":"'), Buffer.from([0xff]), Buffer.from('"}')]));
    const r = run(shim, [bad, '--trust', f.trust, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).codes).toEqual(['XP_MALFORMED']);
  });

  it('2 with XP_TRUST_INVALID for a trust file with a duplicate member name', () => {
    const f = files('valid-root-grant-only');
    const bad = join(work, 'dup-trust.json');
    writeFileSync(bad, readFileSync(f.trust, 'utf8').replace('"version":1', '"version":1,"version":1'));
    const r = run(shim, [f.bundle, '--trust', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('XP_TRUST_INVALID');
  });

  it('accepts receipts in the COSE Receipt form (RFC 9942) as well as JSON receipts (issue 6)', () => {
    const ok = files('valid-cose-receipts');
    expect((ok.vector.bundle as { receipts: unknown[] }).receipts).toEqual([]);
    const r = run(shim, [ok.bundle, '--trust', ok.trust, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { chain: { log?: { index: number } }[] };
    expect(out.chain.every((l) => typeof l.log?.index === 'number')).toBe(true);
    const bad = files('log-inclusion-cose-receipt-tampered');
    const t = run(shim, [bad.bundle, '--trust', bad.trust, '--json']);
    expect(t.code).toBe(1);
    expect(JSON.parse(t.stdout).codes).toEqual(['XP_LOG_INCLUSION']);
  });

  it('escapes control characters from the bundle in the report', () => {
    const f = files('chain-untrusted-root');
    const v = JSON.parse(readFileSync(f.bundle, 'utf8'));
    v.grants[0].id = 'urn:uuid:\u001b[2Jfake';
    writeFileSync(f.bundle, JSON.stringify(v));
    const r = run(shim, [f.bundle, '--trust', f.trust]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('\u001b');
  });
});

describe('the single-file build', () => {
  const empty = mkdtempSync(join(tmpdir(), 'xprov-verify-empty-'));
  const bin = join(empty, 'xprov-verify.mjs');
  // Any network use is reported on stderr (and fails): fetch, sockets, DNS.
  const trap = join(work, 'no-network.mjs');
  writeFileSync(
    trap,
    `import net from 'node:net'; import dns from 'node:dns';
const no = (what) => () => { process.stderr.write('NETWORK:' + what + '\\n'); throw new Error('network used: ' + what); };
globalThis.fetch = no('fetch'); net.Socket.prototype.connect = no('connect'); dns.lookup = no('dns');\n`,
  );

  beforeAll(() => copyFileSync(single, bin));

  it.each(vectorFiles.map((f) => f.replace(/\.json$/, '')))('agrees with vector %s, offline, from an empty directory', (id) => {
    const f = files(id);
    const r = spawnSync(process.execPath, ['--import', trap, bin, f.bundle, '--trust', f.trust, '--json'], { encoding: 'utf8', cwd: empty, timeout: 60_000 });
    expect(r.stderr).not.toContain('NETWORK:');
    expect(r.status).toBe(EXIT[f.vector.expected.verdict]);
    const out = JSON.parse(r.stdout);
    expect({ verdict: out.verdict, codes: [...out.codes].sort() }).toEqual({ verdict: f.vector.expected.verdict, codes: [...f.vector.expected.codes].sort() });
  });
});
