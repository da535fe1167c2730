/** Test harness: a real log server on 127.0.0.1, a real SQLite store, the governor app. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Ed25519KeyPair, didKeyFromPublicKey, generateKeyPair, signCredential, signPresentation } from '@xprov/crypto';
import { buildDelegation, buildReportPresentation, buildRequestPresentation, type AgentAuthorizationCredential } from '@xprov/format';
import { startLogServer } from '@xprov/log';
import { createApiKey, createIssuerApp, Governor, HttpLogClient, SqliteGovernorStore, type GovernorStore } from '../src/index.js';

export const POLICY = `@id("transfer-cap")
permit (principal, action == Action::"payments:transfer", resource)
when {
  resource.id like "acct:ops/*" &&
  context.parameters.currency == "USD" &&
  decimal(context.parameters.amount).lessThanOrEqual(decimal("500.00"))
};
`;

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read loosely in tests
export type Loose = any;

export const LOG_API_KEY = 'test-log-api-key';

export type App = ReturnType<typeof createIssuerApp>;

export interface Harness {
  dir: string;
  app: App;
  gov: Governor;
  store: GovernorStore;
  logUrl: string;
  logVkey: string;
  adminKey: string;
  clock: { offsetMs: number };
  /** A second governor on the same store, log and key, as after a process restart; close it. */
  restart(): { gov: Governor; app: App };
  close(): Promise<void>;
}

export async function harness(o: { store?: (dir: string) => Promise<GovernorStore> } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'xprov-issuer-'));
  const log = await startLogServer({ dataDir: join(dir, 'log'), port: 0, apiKey: LOG_API_KEY, batchDelayMs: 10 });
  const store = o.store ? await o.store(dir) : new SqliteGovernorStore(join(dir, 'governor.db'));
  const clock = { offsetMs: 0 };
  const key = generateKeyPair();
  const governor = () =>
    new Governor({
      store,
      log: new HttpLogClient({ url: log.url, apiKey: LOG_API_KEY }),
      key,
      baseUrl: 'http://governor.test',
      now: () => new Date(Date.now() + clock.offsetMs),
      // As startIssuerServer runs it (the in-thread path is gate-cache.test.ts's).
      policyThread: true,
    });
  const gov = governor();
  const app = createIssuerApp(gov);
  const adminKey = (await createApiKey(store, 'admin', undefined, new Date())).apiKey;
  return {
    dir,
    app,
    gov,
    store,
    logUrl: log.url,
    logVkey: log.verifierKey,
    adminKey,
    clock,
    restart: () => {
      const again = governor();
      return { gov: again, app: createIssuerApp(again) };
    },
    close: async () => {
      await gov.close();
      await log.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Res {
  status: number;
  body: Loose;
}

export async function call(app: App, method: string, path: string, key?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
  const h: Record<string, string> = { ...headers };
  if (key !== undefined) h.authorization = `Bearer ${key}`;
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    h['content-type'] = 'application/json';
  }
  const res = await app.request(path, { method, headers: h, ...(payload === undefined ? {} : { body: payload }) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json };
}

export interface Actors {
  authority: { did: string; apiKey: string };
  agent: { key: Ed25519KeyPair; did: string; apiKey: string };
  grant: AgentAuthorizationCredential;
}

export function newAgentKey(): { key: Ed25519KeyPair; did: string } {
  const key = generateKeyPair();
  return { key, did: didKeyFromPublicKey(key.publicKeyMultibase).did };
}

/** An authority, an agent with an agent key, and a root grant under the demo policy. */
export async function actors(h: Harness, grant: Record<string, unknown> = {}): Promise<Actors> {
  const a = await call(h.app, 'POST', '/authorities', h.adminKey, { method: 'key' });
  if (a.status !== 201) throw new Error(JSON.stringify(a.body));
  const agent = newAgentKey();
  const k = await call(h.app, 'POST', '/api-keys', h.adminKey, { role: 'agent', subject: agent.did });
  const g = await call(h.app, 'POST', '/grants', a.body.apiKey, {
    agent: agent.did,
    actions: ['payments:transfer'],
    resources: ['acct:ops/*'],
    policy: { source: POLICY },
    validUntil: new Date(Date.now() + 3600_000).toISOString(),
    maxDelegationDepth: 2,
    ...grant,
  });
  if (g.status !== 201) throw new Error(JSON.stringify(g.body));
  return { authority: { did: a.body.did, apiKey: a.body.apiKey }, agent: { ...agent, apiKey: k.body.apiKey }, grant: g.body.grant };
}

/** A delegation from `parentKey` (the parent's subject) to a fresh sub-agent. */
export async function delegate(parent: AgentAuthorizationCredential, parentKey: Ed25519KeyPair, over: Partial<Parameters<typeof buildDelegation>[0]> = {}) {
  const sub = newAgentKey();
  const unsigned = buildDelegation({ parent, agent: sub.did, actions: ['payments:transfer'], resources: ['acct:ops/payroll'], ...over });
  const grant = (await signCredential(unsigned, { keyPair: parentKey })) as unknown as AgentAuthorizationCredential;
  return { sub, grant };
}

export async function requestPresentation(
  h: Harness,
  agent: { key: Ed25519KeyPair; did: string; apiKey: string },
  chain: AgentAuthorizationCredential[],
  request: { action?: string; resource?: string; parameters?: Record<string, unknown> } = {},
  o: { challenge?: string; domain?: string } = {},
) {
  const ch = await call(h.app, 'POST', '/challenges', agent.apiKey);
  const unsigned = buildRequestPresentation({
    agent: agent.did,
    grants: chain,
    action: request.action ?? 'payments:transfer',
    resource: request.resource ?? 'acct:ops/payroll',
    parameters: (request.parameters ?? { amount: '120.00', currency: 'USD' }) as Record<string, never>,
  });
  return signPresentation(unsigned, { keyPair: agent.key, challenge: o.challenge ?? ch.body.challenge, domain: o.domain ?? ch.body.domain });
}

export async function askPermit(h: Harness, agent: Actors['agent'], chain: AgentAuthorizationCredential[], request = {}, limits?: Record<string, unknown>) {
  const presentation = await requestPresentation(h, agent, chain, request);
  return call(h.app, 'POST', '/permits', agent.apiKey, { presentation, ...(limits ? { limits } : {}) });
}

export async function report(
  h: Harness,
  agent: Actors['agent'],
  permit: Loose,
  o: { status?: 'succeeded' | 'failed' | 'aborted' | 'violated'; events?: unknown[]; violations?: unknown[]; startedAt?: string; completedAt?: string } = {},
) {
  const ch = await call(h.app, 'POST', '/challenges', agent.apiKey);
  const now = new Date(Date.now() + h.clock.offsetMs);
  const unsigned = buildReportPresentation({
    agent: agent.did,
    permit,
    status: o.status ?? 'succeeded',
    startedAt: o.startedAt ?? now,
    completedAt: o.completedAt ?? now,
    enforcement: { events: (o.events ?? []) as never[], violations: (o.violations ?? []) as never[] },
  });
  const presentation = await signPresentation(unsigned, { keyPair: agent.key, challenge: ch.body.challenge, domain: ch.body.domain });
  return { presentation, res: await call(h.app, 'POST', '/outcomes', agent.apiKey, { presentation }) };
}

export function trustFor(h: Harness, authorities: string[]) {
  const origin = h.logVkey.split('+')[0]!;
  return {
    version: 1,
    authorities,
    governors: [h.gov.did],
    logs: [{ origin, vkey: h.logVkey }],
    witnesses: { keys: [], threshold: 0 },
    allowedCryptosuites: ['eddsa-jcs-2022', 'eddsa-rdfc-2022'],
    maxClockSkewSeconds: 60,
  };
}
