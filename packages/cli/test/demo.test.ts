import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/xprov.js', import.meta.url));

describe('xprov demo (the README quick start)', () => {
  it('walks keys → grant → delegate → verify, refuses the escalation and lets the policy decide', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'xprov-demo-test-')), 'out');
    const r = spawnSync(process.execPath, [BIN, 'demo', '--out', out], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const f of ['keys/authority.json', 'keys/agent.json', 'keys/sub-agent.json', 'grant.json', 'delegation.json']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(statSync(join(out, 'keys/agent.json')).mode & 0o777).toBe(0o600);
    const delegation = JSON.parse(readFileSync(join(out, 'delegation.json'), 'utf8'));
    expect(delegation.type).toContain('AgentAuthorizationCredential');
    expect(delegation.parent.id).toBe(JSON.parse(readFileSync(join(out, 'grant.json'), 'utf8')).id);
    expect(r.stdout).toContain('XP_CHAIN_ESCALATION');
    expect(r.stdout).toMatch(/120\.00 USD → allow/);
    expect(r.stdout).toMatch(/900\.00 USD → deny/);
  });
});
