/**
 * `Agent`: governed execution (DESIGN §2, §6). `governed()` asks the governor for a permit
 * (one-time challenge → request presentation signed by the agent's key → `POST /permits`), runs
 * the function under the permit's bounds, reports the outcome (a second challenge → report
 * presentation → `POST /outcomes`) and fetches the provenance bundle.
 *
 * The governor's answers are checked for shape; the bundle is for offline verification by
 * others (`xprov-verify`), so the SDK does not trust it for anything itself.
 */
import { type Ed25519KeyPair, keyPairFromJson, signPresentation, didKeyFromPublicKey } from '@xprov/crypto';
import {
  type AgentAuthorizationCredential,
  buildReportPresentation,
  buildRequestPresentation,
  digestMultibase,
  type ExecutionPermitCredential,
  type ExecutionStatus,
  XprovError,
} from '@xprov/format';
import { Enforcer, type GovernedContext, type JsonValue } from './enforcement.js';

export interface GovernorEndpoint {
  url: string;
  apiKey: string;
}

export interface AgentOptions {
  /** The agent's Ed25519 key (a key pair or Multikey JSON with the secret). */
  key: Ed25519KeyPair | { secretKeyMultibase: string; publicKeyMultibase?: string };
  governor: GovernorEndpoint;
  /** The agent's grant chain, root first; the last grant's subject is this agent. */
  chain: AgentAuthorizationCredential[];
  fetch?: typeof fetch;
}

export interface GovernedRequest {
  action: string;
  resource: string;
  parameters?: Record<string, JsonValue>;
  limits?: { maxInvocations?: number; budget?: number; timeoutSeconds?: number };
  /** The outcome of the execution that caused this one (execution lineage). */
  parent?: { id: string; digestMultibase: string };
}

export interface GovernedResult<T> {
  status: ExecutionStatus;
  result?: T;
  error?: unknown;
  executionId: string;
  permit: ExecutionPermitCredential;
  outcome: Record<string, unknown>;
  bundle?: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export class Agent {
  readonly did: string;
  readonly #key: Ed25519KeyPair;
  readonly #gov: GovernorEndpoint;
  readonly #chain: AgentAuthorizationCredential[];
  readonly #fetch: typeof fetch;

  constructor(o: AgentOptions) {
    this.#key = 'secretKey' in o.key ? o.key : keyPairFromJson(o.key);
    this.did = didKeyFromPublicKey(this.#key.publicKeyMultibase).did;
    this.#gov = { url: o.governor.url.replace(/\/$/, ''), apiKey: o.governor.apiKey };
    this.#chain = [...o.chain];
    this.#fetch = o.fetch ?? fetch;
  }

  async #call(method: string, path: string, body?: unknown): Promise<Json> {
    const res = await this.#fetch(`${this.#gov.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.#gov.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    let json: Json;
    try {
      json = (await res.json()) as Json;
    } catch {
      throw new XprovError('XP_GOVERNOR_UNAVAILABLE', `the governor answered ${path} with HTTP ${res.status} and no JSON`);
    }
    if (!res.ok) {
      const e = (json.error ?? {}) as { code?: string; message?: string };
      throw new XprovError(typeof e.code === 'string' ? e.code : 'XP_GOVERNOR_UNAVAILABLE', e.message ?? `HTTP ${res.status}`, { details: e });
    }
    return json;
  }

  async #challenge(): Promise<{ challenge: string; domain: string }> {
    const c = await this.#call('POST', '/challenges');
    if (typeof c.challenge !== 'string' || typeof c.domain !== 'string') throw new XprovError('XP_GOVERNOR_UNAVAILABLE', 'malformed challenge');
    return { challenge: c.challenge, domain: c.domain };
  }

  /** Asks for a permit; a refusal throws `XP_PERMIT_DENIED` with `details.codes`, `details.denial`, `details.executionId`. */
  async requestPermit(req: GovernedRequest): Promise<{ permit: ExecutionPermitCredential; executionId: string; logIndex: number }> {
    const { challenge, domain } = await this.#challenge();
    const unsigned = buildRequestPresentation({
      agent: this.did,
      grants: this.#chain,
      action: req.action,
      resource: req.resource,
      parameters: (req.parameters ?? {}) as Record<string, never>,
      parent: req.parent,
    });
    const presentation = await signPresentation(unsigned, { keyPair: this.#key, challenge, domain });
    const r = await this.#call('POST', '/permits', { presentation, ...(req.limits === undefined ? {} : { limits: req.limits }) });
    return r as unknown as { permit: ExecutionPermitCredential; executionId: string; logIndex: number };
  }

  async report(
    permit: ExecutionPermitCredential,
    o: { status: ExecutionStatus; startedAt: number; completedAt: number; resultDigest?: string; events: JsonValue[]; violations: JsonValue[] },
  ): Promise<{ outcome: Json; executionId: string }> {
    const { challenge, domain } = await this.#challenge();
    const unsigned = buildReportPresentation({
      agent: this.did,
      permit,
      status: o.status,
      startedAt: isoSeconds(o.startedAt),
      completedAt: isoSeconds(o.completedAt),
      resultDigest: o.resultDigest,
      enforcement: { events: o.events as never[], violations: o.violations as never[] },
    });
    const presentation = await signPresentation(unsigned, { keyPair: this.#key, challenge, domain });
    return (await this.#call('POST', '/outcomes', { presentation })) as { outcome: Json; executionId: string };
  }

  async bundle(executionId: string): Promise<Json> {
    return this.#call('GET', `/executions/${encodeURIComponent(executionId)}/bundle`);
  }

  /**
   * Runs `fn` under a permit for `req`. A violation of a bound aborts `ctx.signal`, and the
   * run is reported `violated`; an exception from `fn` is reported `failed` (and returned in
   * `error`). A refusal at the gate throws `XP_PERMIT_DENIED` before `fn` runs.
   */
  async governed<T>(req: GovernedRequest, fn: (ctx: GovernedContext) => Promise<T> | T, o: { bundle?: boolean } = {}): Promise<GovernedResult<T>> {
    const { permit, executionId } = await this.requestPermit(req);
    const startedAt = Date.now();
    const enforcer = new Enforcer({ validUntil: permit.validUntil, limits: permit.credentialSubject.limits as GovernedRequest['limits'] & object }, startedAt);
    let result: T | undefined;
    let error: unknown;
    try {
      const aborted = new Promise<never>((_, reject) => {
        enforcer.signal.addEventListener('abort', () => reject(enforcer.signal.reason), { once: true });
      });
      aborted.catch(() => {});
      result = await Promise.race([Promise.resolve().then(() => fn(enforcer)), aborted]);
    } catch (e) {
      error = e;
    } finally {
      enforcer.stop();
    }
    const completedAt = Date.now();
    const status: ExecutionStatus = enforcer.violations.length > 0 ? 'violated' : error !== undefined ? 'failed' : 'succeeded';
    let resultDigest: string | undefined;
    if (status === 'succeeded') {
      try {
        resultDigest = digestMultibase({ result: result === undefined ? null : result });
      } catch {
        resultDigest = undefined; // not JSON: no digest
      }
    }
    const { outcome } = await this.report(permit, {
      status,
      startedAt,
      completedAt,
      ...(resultDigest === undefined ? {} : { resultDigest }),
      events: enforcer.events,
      violations: enforcer.violations,
    });
    const out: GovernedResult<T> = { status, executionId, permit, outcome };
    if (result !== undefined) out.result = result;
    if (error !== undefined) out.error = error;
    if (o.bundle !== false) out.bundle = await this.bundle(executionId);
    return out;
  }
}
