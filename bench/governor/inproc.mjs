// bench/governor in-process: CPU per permit with no HTTP and a no-op log client (so only the
// governor's own work is measured): challenge, presentation proof, chain checks, Cedar, the
// permit signature and the store writes. Usage: node bench/governor/inproc.mjs [--permits 3000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { didKeyFromPublicKey, generateKeyPair, signPresentation } from '../../packages/crypto/dist/index.js';
import { buildRequestPresentation } from '../../packages/format/dist/index.js';

// XPROV_BENCH_ISSUER: another build of @xprov/issuer (an index.js path), for side-by-side runs.
const { Governor, SqliteGovernorStore, createApiKey } = await import(process.env.XPROV_BENCH_ISSUER ?? '../../services/issuer/dist/index.js');
const i = process.argv.indexOf('--permits');
const N = i === -1 ? 3000 : Number(process.argv[i + 1]);
const POLICY = `permit (principal, action == Action::"payments:transfer", resource)
when { resource.id like "acct:ops/*" && decimal(context.parameters.amount).lessThanOrEqual(decimal("500.00")) };`;

const dir = mkdtempSync(join(tmpdir(), 'xprov-bench-gov-inproc-'));
let next = 0;
const log = { add: async () => next++, checkpoint: async () => '', inclusionProof: async () => [], healthy: async () => true };
const store = new SqliteGovernorStore(join(dir, 'governor.db'));
const gov = new Governor({ store, log, key: generateKeyPair(), baseUrl: 'http://governor.test' });
await createApiKey(store, 'admin', undefined, new Date());
const admin = { id: 'x', hash: '', role: 'admin', createdAt: '' };
const authority = await gov.createAuthority({ method: 'key' });
const agentKey = generateKeyPair();
const agentDid = didKeyFromPublicKey(agentKey.publicKeyMultibase).did;
const { grant } = await gov.issueGrant(
  { issuer: authority.did, agent: agentDid, actions: ['payments:transfer'], resources: ['acct:ops/*'], policy: { source: POLICY }, validUntil: new Date(Date.now() + 3600_000).toISOString() },
  admin,
);
const agent = { id: 'a', hash: '', role: 'agent', subject: agentDid, createdAt: '' };

async function presentations(n) {
  const out = [];
  for (let k = 0; k < n; k++) {
    const ch = await gov.challenge();
    const vp = buildRequestPresentation({ agent: agentDid, grants: [grant], action: 'payments:transfer', resource: 'acct:ops/payroll', parameters: { amount: `${k % 500}.00` } });
    out.push(await signPresentation(vp, { keyPair: agentKey, challenge: ch.challenge, domain: ch.domain }));
  }
  return out;
}
for (const vp of await presentations(300)) await gov.requestPermit({ presentation: vp, limits: { maxInvocations: 1 } }, agent);

const vps = await presentations(N);
const t0 = performance.now();
const c0 = process.cpuUsage();
for (const vp of vps) await gov.requestPermit({ presentation: vp, limits: { maxInvocations: 1 } }, agent);
const c = process.cpuUsage(c0);
const wall = performance.now() - t0;
const t1 = performance.now();
for (let k = 0; k < N; k++) await gov.challenge();
const ch = performance.now() - t1;
console.log(JSON.stringify({ permits: N, wallMsPerPermit: +(wall / N).toFixed(3), cpuMsPerPermit: +((c.user + c.system) / 1000 / N).toFixed(3), permitsPerSecondOneLoop: Math.round(N / (wall / 1000)), challengeMs: +(ch / N).toFixed(3) }));
await store.close();
rmSync(dir, { recursive: true, force: true });
