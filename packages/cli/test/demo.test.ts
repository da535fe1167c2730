import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyBundle } from '@xprov/verifier';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/xprov.js', import.meta.url));

describe('xprov demo (the README quick start, issue 5)', () => {
  it('runs grant → delegate → permitted / refused / violated on loopback and writes bundles that verify as what they are', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'xprov-demo-test-')), 'out');
    const r = spawnSync(process.execPath, [BIN, 'demo', '--out', out], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const trust = JSON.parse(readFileSync(join(out, 'trust.json'), 'utf8'));
    const read = (n: string) => JSON.parse(readFileSync(join(out, `${n}.bundle.json`), 'utf8'));
    const failing = (res: { checks: { ok: boolean; code: string }[] }) => [...new Set(res.checks.filter((c) => !c.ok).map((c) => c.code))];

    const permitted = await verifyBundle(read('permitted'), trust);
    expect(permitted.verdict).toBe('valid');
    const denied = await verifyBundle(read('denied'), trust);
    expect(denied.verdict).toBe('valid');
    expect(read('denied').denial.credentialSubject.failures.map((f: { code: string }) => f.code)).toEqual(['XP_POLICY_DENIED']);
    const violated = await verifyBundle(read('violated'), trust);
    expect(violated.verdict).toBe('invalid');
    expect(failing(violated)).toEqual(['XP_OUTCOME_VIOLATION']);

    // Tampering is caught: a re-routed resource in the logged permit.
    const tampered = read('permitted');
    tampered.permit.credentialSubject.request.resource = 'acct:ops/payroll/8';
    writeFileSync(join(out, 'tampered.json'), JSON.stringify(tampered));
    expect((await verifyBundle(tampered, trust)).verdict).toBe('invalid');
    expect(r.stdout).toContain('XP_POLICY_DENIED');
    expect(r.stdout).toContain('## Lineage');
  });
});
