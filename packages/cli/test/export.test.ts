/**
 * `xprov export sigstore|scitt` through the real `xprov` binary (packages/cli), on a committed
 * vector with the published test keys: outputs verify, refusals exit with their codes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyPairToJson } from '@xprov/crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testGovernorKey, testLogKey, verifyScittReceipt, verifySignedStatement, verifySigstoreExport } from '@xprov/interop';
import { VECTORS_DIR } from '@xprov/test-vectors';

// Runs in @xprov/cli (which turbo builds before its tests), with @xprov/interop's published test keys.
const bin = join(import.meta.dirname, '../bin/xprov.js');
const work = mkdtempSync(join(tmpdir(), 'xprov-export-'));
const xprov = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: work, timeout: 60_000 });
const codeOf = (stderr: string) => /^xprov: (XP_[A-Z0-9_]+):/m.exec(stderr)?.[1];

interface BundleVector {
  bundle: Record<string, unknown> & { receipts: Array<Record<string, unknown>> };
  trust: Record<string, unknown> & { logs: Array<{ origin: string; vkey: string }> };
}
const loadVector = (id: string) => JSON.parse(readFileSync(join(VECTORS_DIR, `${id}.json`), 'utf8')) as BundleVector;
const governor = testGovernorKey();
const logKeyOf = (vector: BundleVector) => {
  const log = vector.trust.logs[0]!;
  return testLogKey(log.origin, log.vkey);
};

const v = loadVector('valid-witnessed');
const bad = loadVector('outcome-violation');
const p = (name: string) => join(work, name);

beforeAll(() => {
  writeFileSync(p('bundle.json'), JSON.stringify(v.bundle));
  writeFileSync(p('trust.json'), JSON.stringify(v.trust));
  writeFileSync(p('bad.json'), JSON.stringify(bad.bundle));
  writeFileSync(p('governor.key'), JSON.stringify(keyPairToJson(governor)), { mode: 0o600 });
  writeFileSync(p('log.key'), `${logKeyOf(v).signerKey}\n`, { mode: 0o600 });
});

describe('xprov export', () => {
  it('sigstore: writes a bundle that verifies against the ProvenanceBundle', async () => {
    const r = xprov(['export', 'sigstore', 'bundle.json', '--key', 'governor.key', '--trust', 'trust.json', '--out', 'att.json']);
    expect(r.status).toBe(0);
    const att = JSON.parse(readFileSync(p('att.json'), 'utf8'));
    expect((await verifySigstoreExport(att, v.trust, v.bundle)).verdict).toBe('valid');
  });

  it('sigstore: without --out prints the bundle', () => {
    const r = xprov(['export', 'sigstore', 'bundle.json', '--key', 'governor.key', '--trust', 'trust.json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
  });

  it('scitt: writes statements and receipts that verify', () => {
    const r = xprov(['export', 'scitt', 'bundle.json', '--key', 'governor.key', '--log-key', 'log.key', '--trust', 'trust.json', '--out', 'scitt']);
    expect(r.status).toBe(0);
    const index = JSON.parse(readFileSync(p('scitt/index.json'), 'utf8')) as Array<{ statement: string; receipt: string; credentialId: string }>;
    expect(index).toHaveLength(v.bundle.receipts.length);
    for (const e of index) {
      const s = verifySignedStatement(readFileSync(p(`scitt/${e.statement}`)), v.trust);
      expect(s.credential.id).toBe(e.credentialId);
      expect(verifyScittReceipt(readFileSync(p(`scitt/${e.receipt}`)), s.credential, v.trust).checkpointVerified).toBe(true);
    }
  });

  it('refuses an invalid bundle: exit 1, XP_EXPORT_REFUSED, its codes on stderr', () => {
    const r = xprov(['export', 'sigstore', 'bad.json', '--key', 'governor.key', '--trust', 'trust.json']);
    expect(r.status).toBe(1);
    expect(codeOf(r.stderr)).toBe('XP_EXPORT_REFUSED');
    expect(r.stderr).toContain('XP_OUTCOME_VIOLATION');
    const s = xprov(['export', 'scitt', 'bad.json', '--key', 'governor.key', '--log-key', 'log.key', '--trust', 'trust.json']);
    expect(s.status).toBe(1);
    expect(codeOf(s.stderr)).toBe('XP_EXPORT_REFUSED');
  });

  it('usage and I/O errors exit 2', () => {
    expect(xprov(['export', 'sigstore', 'bundle.json', '--trust', 'trust.json']).status).toBe(2);
    const r = xprov(['export', 'scitt', 'bundle.json', '--key', 'governor.key', '--log-key', 'missing.key', '--trust', 'trust.json']);
    expect(r.status).toBe(2);
    expect(codeOf(r.stderr)).toBe('XP_IO');
  });

  it('a log key that is not a C2SP signer key: exit 1 with its code', () => {
    writeFileSync(p('not-a-key'), 'hello\n');
    const r = xprov(['export', 'scitt', 'bundle.json', '--key', 'governor.key', '--log-key', 'not-a-key', '--trust', 'trust.json']);
    expect(r.status).toBe(1);
    expect(codeOf(r.stderr)).toBe('XP_NOTE_KEY_MALFORMED');
  });
});
