/**
 * The governor below HTTP (DESIGN §6, spec/governor.md): authorities and grants, challenges,
 * the gate, outcomes, revocation and bundles. I/O comes in as dependencies: the store, the log
 * client and the clock. Inputs are parsed before anything is written, so a refused request
 * changes nothing — except that a gate refusal is itself evidence and is signed and logged.
 */
import { attestationOf } from './attestation.js';
import {
  didKeyFromPublicKey,
  type Ed25519KeyPair,
  generateKeyPair,
  keyPairFromJson,
  signCredential,
  verifyProof,
} from '@xprov/crypto';
import {
  buildDenial,
  buildGrant,
  buildLogEntry,
  buildOutcome,
  buildPermit,
  digestMultibase,
  type ExecutionPermitCredential,
  type ExecutionRequestPresentation,
  type JcsMemo,
  parsePermit,
  parseReportPresentation,
  parseRequestPresentation,
  toIsoSeconds,
  XprovError,
} from '@xprov/format';
import { policyDigest } from '@xprov/policy';
import { ISSUER_CODES } from './codes.js';
import { runGate } from './gate.js';
import { PolicyThread } from './policy-thread.js';
import { Challenges } from './challenges.js';
import { VerifiedGrants } from './grant-cache.js';
import { BoundedLru } from './lru.js';
import { type LogClient, receiptsFor } from './log-client.js';
import { createMetrics, type GovernorMetrics } from './metrics.js';
import { governorViolations, type Limits, permitLimits } from './limits.js';
import { didWebDocument, storeResolver } from './resolver.js';
import { bitIsSet, buildStatusListCredential, DEFAULT_LIST_ID, STATUS_LIST_SIZE, statusListUrl } from './status-list.js';
import type { ApiKeyRecord, AuthorityRecord, CredentialRecord, GovernorStore } from './store.js';

export interface GovernorOptions {
  store: GovernorStore;
  log: LogClient;
  /** The governor's signing key; its did:key is the governor's DID. */
  key: Ed25519KeyPair;
  /** Public base URL (status list URLs are built on it). */
  baseUrl: string;
  /** Root issuers trusted besides the authorities registered here (e.g. offline `xprov grant` keys). */
  trustedAuthorities?: string[];
  now?: () => Date;
  permitTtlSeconds?: number;
  challengeTtlSeconds?: number;
  maxClockSkewSeconds?: number;
  suite?: 'eddsa-jcs-2022' | 'eddsa-rdfc-2022';
  metrics?: GovernorMetrics;
  /**
   * Evaluate Cedar on a worker thread (policy-thread.ts), overlapping the signature checks and
   * leaving the request thread free meanwhile. Default false; `startIssuerServer` turns it on.
   * A governor with it must be `close()`d.
   */
  policyThread?: boolean;
}

export interface GrantRequest {
  issuer?: string | undefined;
  agent: string;
  actions: string[];
  resources: string[];
  policy?: { source: string } | undefined;
  validFrom?: string | undefined;
  validUntil: string;
  maxDelegationDepth?: number | undefined;
}

type Json = Record<string, unknown>;

export class Governor {
  readonly did: string;
  readonly verificationMethod: string;
  readonly metrics: GovernorMetrics;
  readonly store: GovernorStore;
  readonly log: LogClient;
  readonly baseUrl: string;
  readonly #key: Ed25519KeyPair;
  readonly #now: () => Date;
  readonly #o: Required<Pick<GovernorOptions, 'permitTtlSeconds' | 'challengeTtlSeconds' | 'maxClockSkewSeconds' | 'suite'>>;
  readonly #trusted: Set<string>;
  readonly #resolver;
  readonly #verifiedGrants = new VerifiedGrants();
  /** Chain grants stored and logged here: id → digest (immutable once logged; bounded). */
  readonly #loggedGrants = new BoundedLru<string>(10_000);
  /** Registered authorities seen (they are never removed; a miss asks the store). */
  readonly #knownAuthorities = new BoundedLru<true>(1_000);
  readonly #challenges: Challenges;
  readonly #policy: PolicyThread | undefined;

  constructor(o: GovernorOptions) {
    this.store = o.store;
    this.log = o.log;
    this.#key = o.key;
    const dk = didKeyFromPublicKey(o.key.publicKeyMultibase);
    this.did = dk.did;
    this.verificationMethod = dk.verificationMethod;
    this.baseUrl = o.baseUrl.replace(/\/$/, '');
    this.#now = o.now ?? (() => new Date());
    this.#o = {
      permitTtlSeconds: o.permitTtlSeconds ?? 60,
      challengeTtlSeconds: o.challengeTtlSeconds ?? 120,
      maxClockSkewSeconds: o.maxClockSkewSeconds ?? 60,
      suite: o.suite ?? 'eddsa-jcs-2022',
    };
    this.#trusted = new Set(o.trustedAuthorities ?? []);
    this.#resolver = storeResolver(o.store);
    // A store that may lose its last commits on power loss may lose a challenge's use: after a
    // (re)start, no challenge handed out before it is accepted (spec/governor.md §12).
    this.#challenges = new Challenges(
      o.store,
      o.store.commitsSurvivePowerLoss ? {} : { earliestExpiry: this.#now().getTime() + this.#o.challengeTtlSeconds * 1000 },
    );
    this.metrics = o.metrics ?? createMetrics();
    this.#policy = o.policyThread === true ? new PolicyThread() : undefined;
  }

  /** Stops the policy thread, if any (pending evaluations finish on this thread). */
  async close(): Promise<void> {
    await this.#policy?.close();
  }

  now(): Date {
    return this.#now();
  }

  /** Signs as the governor unless `as` names another signer (an authority); `jcsMemo` as in signDocument. */
  #sign<T extends Json>(
    unsigned: T,
    o: { as?: { key: Ed25519KeyPair; verificationMethod: string }; jcsMemo?: JcsMemo } = {},
  ): Promise<T & { proof: Json }> {
    return signCredential(unsigned, {
      keyPair: o.as?.key ?? this.#key,
      suite: this.#o.suite,
      ...(o.as === undefined ? {} : { verificationMethod: o.as.verificationMethod }),
      ...(o.jcsMemo === undefined ? {} : { jcsMemo: o.jcsMemo }),
    }) as unknown as Promise<T & { proof: Json }>;
  }

  /** Logs a signed credential and records its index; the entry must have an index before we answer. */
  async #logCredential(credential: Json & { id?: unknown }): Promise<number> {
    const { bytes } = buildLogEntry(credential);
    const index = await this.log.add(bytes);
    if (typeof credential.id === 'string') await this.store.setCredentialLogIndex(credential.id, index);
    return index;
  }

  /**
   * A newly signed permit or denial: logged first (the log's index is the one thing that must
   * exist before we answer, DESIGN §6), then stored with that index in the same transaction as
   * its execution (`putIssued`). The digest comes from the log entry, computed once.
   */
  async #logNew(signed: Json & { id?: unknown; type?: unknown }, memo?: JcsMemo): Promise<CredentialRecord> {
    const { entry, bytes } = buildLogEntry(signed, memo);
    const logIndex = await this.log.add(bytes);
    const types = signed.type as string[];
    return {
      id: signed.id as string,
      type: types[1] ?? types[0] ?? 'VerifiableCredential',
      digest: entry.digestMultibase,
      json: signed,
      logIndex,
      createdAt: this.#now().toISOString(),
    };
  }

  async #storeCredential(signed: unknown, logIndex?: number): Promise<void> {
    const credential = signed as Json & { id: string; type: string[] };
    await this.store.putCredential({
      id: credential.id,
      type: credential.type[1] ?? credential.type[0] ?? 'VerifiableCredential',
      digest: digestMultibase(credential),
      json: credential,
      logIndex,
      createdAt: this.#now().toISOString(),
    });
  }

  // ---- authorities -------------------------------------------------------------------

  async isTrustedAuthority(did: string): Promise<boolean> {
    if (this.#trusted.has(did) || this.#knownAuthorities.get(did)) return true;
    const known = (await this.store.getAuthority(did)) !== undefined;
    if (known) this.#knownAuthorities.set(did, true);
    return known;
  }

  /** Registers an authority: a new or imported key, as did:key or as a did:web served here. */
  async createAuthority(input: { method: 'key' | 'web'; did?: string | undefined; secretKeyMultibase?: string | undefined }): Promise<AuthorityRecord> {
    const key = input.secretKeyMultibase === undefined ? generateKeyPair() : keyPairFromJson({ secretKeyMultibase: input.secretKeyMultibase });
    let record: AuthorityRecord;
    const createdAt = this.#now().toISOString();
    if (input.method === 'key') {
      const dk = didKeyFromPublicKey(key.publicKeyMultibase);
      record = { did: dk.did, verificationMethod: dk.verificationMethod, secretKeyMultibase: key.secretKeyMultibase, publicKeyMultibase: key.publicKeyMultibase, createdAt };
    } else {
      if (input.did === undefined || !/^did:web:[A-Za-z0-9.%-]+(:[A-Za-z0-9._%-]+)*$/.test(input.did)) {
        throw new XprovError('XP_DID_INVALID', 'a did:web authority needs a did:web DID');
      }
      const { doc, vm } = didWebDocument(input.did, key.publicKeyMultibase);
      record = { did: input.did, verificationMethod: vm, secretKeyMultibase: key.secretKeyMultibase, publicKeyMultibase: key.publicKeyMultibase, didDocument: doc, createdAt };
    }
    if (!(await this.store.putAuthority(record))) throw new XprovError(ISSUER_CODES.CONFLICT, `${record.did} is already registered`);
    return record;
  }

  // ---- grants and status lists ------------------------------------------------------

  /** Issues a root grant signed by a registered authority, with a revocation entry, and logs it. */
  async issueGrant(req: GrantRequest, key: ApiKeyRecord): Promise<{ grant: Json; logIndex: number }> {
    const issuer = req.issuer ?? key.subject;
    if (issuer === undefined) throw new XprovError(ISSUER_CODES.BODY_INVALID, 'no issuer: name one or use a key bound to an authority');
    if (key.role !== 'admin' && key.subject !== issuer) {
      throw new XprovError(ISSUER_CODES.AUTH_FORBIDDEN, 'this key may not issue for that authority');
    }
    const authority = await this.store.getAuthority(issuer);
    if (authority === undefined) throw new XprovError(ISSUER_CODES.NOT_FOUND, `${issuer} is not a registered authority`);
    const now = this.#now();
    const policy = req.policy === undefined ? undefined : { language: 'cedar' as const, digestMultibase: policyDigest(req.policy.source), source: req.policy.source };
    // Build first (validates every field), then allocate: a refused body allocates nothing.
    const draft = {
      issuer,
      agent: req.agent,
      actions: req.actions,
      resources: req.resources,
      policy,
      validFrom: req.validFrom ?? now,
      validUntil: req.validUntil,
      maxDelegationDepth: req.maxDelegationDepth ?? 0,
    };
    buildGrant(draft);
    const { index, created } = await this.store.allocateStatusIndex(DEFAULT_LIST_ID, STATUS_LIST_SIZE);
    if (created) await this.#snapshot(DEFAULT_LIST_ID);
    const url = statusListUrl(this.baseUrl, DEFAULT_LIST_ID);
    const unsigned = buildGrant({
      ...draft,
      credentialStatus: {
        id: `${url}#${index}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(index),
        statusListCredential: url,
      },
    });
    const authKey = keyPairFromJson({ secretKeyMultibase: authority.secretKeyMultibase });
    const grant = await this.#sign(unsigned as unknown as Json, { as: { key: authKey, verificationMethod: authority.verificationMethod } });
    await this.#storeCredential(grant);
    const logIndex = await this.#logCredential(grant);
    return { grant, logIndex };
  }

  /** Signs and logs the current state of a list as a new snapshot (validFrom = now). */
  async #snapshot(listId: string): Promise<{ credential: Json; logIndex: number }> {
    const list = await this.store.getStatusList(listId);
    if (list === undefined) throw new XprovError(ISSUER_CODES.NOT_FOUND, 'no such status list');
    const unsigned = buildStatusListCredential({
      url: statusListUrl(this.baseUrl, listId),
      issuer: this.did,
      validFrom: toIsoSeconds(this.#now()),
      bits: list.bits,
    });
    const credential = await this.#sign(unsigned);
    const digest = digestMultibase(credential);
    await this.store.putSnapshot({ listId, version: list.version, validFrom: unsigned.validFrom as string, digest, json: credential });
    const { bytes } = buildLogEntry(credential);
    const logIndex = await this.log.add(bytes);
    await this.store.setSnapshotLogIndex(listId, list.version, logIndex);
    return { credential, logIndex };
  }

  async statusList(listId: string): Promise<Json> {
    const snap = await this.store.snapshotAt(listId);
    if (snap === undefined) throw new XprovError(ISSUER_CODES.NOT_FOUND, 'no such status list');
    return snap.json;
  }

  /**
   * A fresh `revocation` entry on `listId` (the list is created, and its first snapshot signed
   * and logged, on first use). Used by VC-API issuance (vc-api/, spec/governor.md §VC-API).
   */
  async allocateStatusEntry(listId: string): Promise<{ url: string; index: number }> {
    const { index, created } = await this.store.allocateStatusIndex(listId, STATUS_LIST_SIZE);
    if (created) await this.#snapshot(listId);
    return { url: statusListUrl(this.baseUrl, listId), index };
  }

  /** The current bit at `index` of a list this governor holds; undefined for any other list URL. */
  async statusBit(statusListCredential: string, index: number): Promise<boolean | undefined> {
    const listId = this.#listIdOf(statusListCredential);
    const list = listId === undefined ? undefined : await this.store.getStatusList(listId);
    return list === undefined || index >= list.bits.length * 8 ? undefined : bitIsSet(list.bits, index);
  }

  #listIdOf(statusListCredential: string): string | undefined {
    const prefix = `${this.baseUrl}/status-lists/`;
    if (!statusListCredential.startsWith(prefix)) return undefined;
    return decodeURIComponent(statusListCredential.slice(prefix.length));
  }

  /** Revokes a grant this governor issued (sets its bit, signs and logs a new snapshot). */
  async revoke(credentialId: string, key: ApiKeyRecord): Promise<{ credentialId: string; statusList: Json; logIndex?: number; changed: boolean }> {
    const rec = await this.store.getCredential(credentialId);
    if (rec === undefined || rec.type !== 'AgentAuthorizationCredential') throw new XprovError(ISSUER_CODES.NOT_FOUND, 'no grant with that id was issued here');
    const grant = rec.json as { issuer: string; credentialStatus?: { statusListCredential: string; statusListIndex: string } };
    if (key.role !== 'admin' && key.subject !== grant.issuer) throw new XprovError(ISSUER_CODES.AUTH_FORBIDDEN, 'only the issuing authority may revoke this grant');
    const listId = grant.credentialStatus && this.#listIdOf(grant.credentialStatus.statusListCredential);
    if (listId === undefined || grant.credentialStatus === undefined) throw new XprovError(ISSUER_CODES.CONFLICT, 'the grant has no status entry on this governor');
    const { changed } = await this.store.setStatusBit(listId, Number(grant.credentialStatus.statusListIndex));
    if (!changed) return { credentialId, statusList: await this.statusList(listId), changed };
    const snap = await this.#snapshot(listId);
    return { credentialId, statusList: snap.credential, logIndex: snap.logIndex, changed };
  }

  // ---- challenges --------------------------------------------------------------------

  /** A one-time challenge (challenges.ts: MAC'd, nothing stored until it is used). */
  async challenge(): Promise<{ challenge: string; domain: string; expiresAt: string }> {
    const expires = this.#now().getTime() + this.#o.challengeTtlSeconds * 1000;
    const challenge = await this.#challenges.mint(expires);
    return { challenge, domain: this.did, expiresAt: new Date(expires).toISOString() };
  }

  // ---- the gate ----------------------------------------------------------------------

  async requestPermit(
    input: { presentation: unknown; limits?: Limits | undefined },
    key: ApiKeyRecord,
  ): Promise<{ permit: ExecutionPermitCredential; logIndex: number; executionId: string }> {
    const started = performance.now();
    const vp: ExecutionRequestPresentation = parseRequestPresentation(input.presentation);
    if (key.subject !== undefined && key.subject !== vp.holder) {
      throw new XprovError(ISSUER_CODES.AUTH_FORBIDDEN, 'this key is bound to another agent');
    }
    const now = this.#now();
    const gate = await runGate(
      {
        governorDid: this.did,
        resolver: this.#resolver,
        skewSeconds: this.#o.maxClockSkewSeconds,
        isTrustedAuthority: (did) => this.isTrustedAuthority(did),
        // Read from the store on every request: another instance may have revoked just now.
        isRevoked: async (url, index) => {
          const listId = this.#listIdOf(url);
          return listId === undefined ? undefined : this.store.getStatusBit(listId, index);
        },
        consumeChallenge: (ch) => this.#challenges.consume(ch, now.getTime()),
        verifiedGrants: this.#verifiedGrants,
        evaluate: this.#policy === undefined ? undefined : (input) => this.#policy!.evaluate(input),
      },
      vp,
      now,
    );
    const { action, resource, parametersDigest, parent } = vp.request;
    const request = parent === undefined ? { action, resource, parametersDigest } : { action, resource, parametersDigest, parent };
    const executionId = `urn:uuid:${crypto.randomUUID()}`;

    // Chain grants must be stored (and logged, before the permit) exactly as presented.
    const chain = vp.verifiableCredential.map((g, i) => ({ g, digest: gate.authorization[i]!.digestMultibase }));
    const stored: Array<{ digest: string; logIndex?: number | undefined } | undefined> = [];
    if (gate.failures.length === 0) {
      for (const { g, digest } of chain) {
        const cached = this.#loggedGrants.get(g.id);
        const known = cached !== undefined ? { digest: cached, logIndex: 0 } : await this.store.getCredentialDigest(g.id);
        stored.push(known);
        if (known !== undefined && known.digest !== digest) {
          gate.failures.push({ code: 'XP_MALFORMED', message: 'another credential with this id is known', credentialId: g.id });
        }
      }
    }
    if (gate.failures.length > 0) {
      const denial = await this.#sign(
        buildDenial({
          issuer: this.did,
          agent: vp.holder,
          request,
          authorization: gate.authorization,
          evaluation: gate.evaluation,
          presentation: gate.presentation,
          failures: gate.failures,
          validFrom: now,
        }) as unknown as Json,
      );
      const rec = await this.#logNew(denial);
      await this.store.putIssued(rec, { id: executionId, agent: vp.holder, state: 'denied', denialId: rec.id, request: vp as unknown as Json, createdAt: now.toISOString() });
      const logIndex = rec.logIndex!;
      this.metrics.denials.inc({ code: gate.failures[0]!.code });
      this.metrics.gate.observe((performance.now() - started) / 1000);
      const codes = [...new Set(gate.failures.map((f) => f.code))];
      throw new XprovError(ISSUER_CODES.PERMIT_DENIED, `permit refused: ${codes.join(', ')}`, {
        details: { codes, failures: gate.failures, denial, logIndex, executionId },
      });
    }

    for (const [i, { g, digest }] of chain.entries()) {
      const known = stored[i];
      if (known === undefined) {
        const credential = g as unknown as Json & { type: string[] };
        await this.store.putCredential({ id: g.id, type: credential.type[1] ?? 'AgentAuthorizationCredential', digest, json: credential, createdAt: now.toISOString() });
      }
      if (known?.logIndex === undefined) await this.#logCredential(g as unknown as Json);
      this.#loggedGrants.set(g.id, digest);
    }
    // Every input is parsed (presentation, limits) or computed by the gate: a schema check of
    // the result would parse the same values twice on the hot path (spec/governor.md §12). The
    // permit's JCS texts are shared between its proof's hash data and its log entry's digest.
    const memo: JcsMemo = new WeakMap();
    const permit = (await this.#sign(
      buildPermit(
        {
          issuer: this.did,
          agent: vp.holder,
          request,
          authorization: gate.authorization,
          evaluation: gate.evaluation!,
          presentation: gate.presentation,
          limits: permitLimits(input.limits),
          validFrom: now,
          ttlSeconds: this.#o.permitTtlSeconds,
        },
        { validate: false },
      ) as unknown as Json,
      { jcsMemo: memo },
    )) as unknown as ExecutionPermitCredential;
    const rec = await this.#logNew(permit as unknown as Json, memo);
    await this.store.putIssued(rec, { id: executionId, agent: vp.holder, state: 'permitted', permitId: permit.id, request: vp as unknown as Json, createdAt: now.toISOString() });
    const logIndex = rec.logIndex!;
    this.metrics.permits.inc();
    this.metrics.gate.observe((performance.now() - started) / 1000);
    return { permit, logIndex, executionId };
  }

  // ---- outcomes ----------------------------------------------------------------------

  async reportOutcome(input: { presentation: unknown }, key: ApiKeyRecord): Promise<{ outcome: Json; logIndex: number; executionId: string }> {
    const vp = parseReportPresentation(input.presentation);
    if (key.subject !== undefined && key.subject !== vp.holder) {
      throw new XprovError(ISSUER_CODES.AUTH_FORBIDDEN, 'this key is bound to another agent');
    }
    const exec = await this.store.getExecutionByPermit(vp.report.permit.id);
    const permitRec = exec?.permitId === undefined ? undefined : await this.store.getCredential(exec.permitId);
    if (exec === undefined || permitRec === undefined) throw new XprovError(ISSUER_CODES.PERMIT_UNKNOWN, 'no permit with that id was issued here');
    if (permitRec.digest !== vp.report.permit.digestMultibase) {
      throw new XprovError('XP_OUTCOME_PERMIT_MISMATCH', 'the report names the permit with another digest');
    }
    const permit = parsePermit(permitRec.json);
    if (vp.holder !== permit.credentialSubject.id) throw new XprovError('XP_PRESENTATION_INVALID', 'the report is not by the permitted agent');
    const now = this.#now();
    const proof = await verifyProof(vp, {
      resolveVerificationMethod: this.#resolver,
      expectedProofPurpose: 'authentication',
      challenge: vp.proof.challenge,
      domain: this.did,
      now,
    });
    if (!proof.verified) throw new XprovError('XP_PRESENTATION_INVALID', proof.message);
    if (exec.state !== 'permitted') throw new XprovError(ISSUER_CODES.PERMIT_CONSUMED, 'this permit already backs an outcome');
    const skew = this.#o.maxClockSkewSeconds * 1000;
    const started = Date.parse(vp.report.startedAt);
    if (started < Date.parse(permit.validFrom) - skew || started > Date.parse(permit.validUntil) + skew) {
      throw new XprovError('XP_OUTCOME_OUTSIDE_WINDOW', 'the execution did not start within the permit’s validity');
    }
    if (Date.parse(vp.report.completedAt) > now.getTime() + skew) {
      throw new XprovError('XP_OUTCOME_OUTSIDE_WINDOW', 'the report says the execution completed in the future');
    }
    if (!(await this.#challenges.consume(vp.proof.challenge, now.getTime()))) {
      throw new XprovError('XP_PRESENTATION_INVALID', 'the challenge is unknown, expired or already used');
    }
    const extraViolations = vp.report.enforcement.violations.length > 0 ? [] : governorViolations(permit, vp.report, skew);
    const outcome = await this.#sign(
      buildOutcome({ issuer: this.did, permit, report: vp, extraViolations, validFrom: now, executionId: exec.id }) as unknown as Json,
    );
    if (!(await this.store.reportExecution(exec.id, vp as unknown as Json, outcome.id as string))) {
      throw new XprovError(ISSUER_CODES.PERMIT_CONSUMED, 'this permit already backs an outcome');
    }
    await this.#storeCredential(outcome);
    const logIndex = await this.#logCredential(outcome);
    this.metrics.outcomes.inc({ status: (outcome.credentialSubject as { status: string }).status });
    return { outcome, logIndex, executionId: exec.id };
  }

  // ---- bundles -----------------------------------------------------------------------

  /** The ProvenanceBundle of one execution (DESIGN §4), receipts from the log. */
  async bundle(executionId: string, key: ApiKeyRecord): Promise<Json> {
    const exec = await this.store.getExecution(executionId);
    if (exec === undefined) throw new XprovError(ISSUER_CODES.NOT_FOUND, 'no such execution');
    if (key.role === 'agent' && key.subject !== undefined && key.subject !== exec.agent) {
      throw new XprovError(ISSUER_CODES.AUTH_FORBIDDEN, 'not this agent’s execution');
    }
    const request = exec.request as unknown as ExecutionRequestPresentation;
    const grants = request.verifiableCredential as unknown as Json[];
    const ids = [...grants.map((g) => g.id as string)];
    const main = exec.permitId ?? exec.denialId;
    if (main !== undefined) ids.push(main);
    if (exec.outcomeId !== undefined) ids.push(exec.outcomeId);
    const records = await Promise.all(ids.map((id) => this.store.getCredential(id)));
    const logged: { credentialId: string; index: number }[] = [];
    for (const [i, rec] of records.entries()) {
      if (rec === undefined) continue; // a denied chain's grants are not stored or logged
      const index = rec.logIndex ?? (await this.#logCredential(rec.json));
      logged.push({ credentialId: ids[i]!, index });
    }
    const byId = (id: string | undefined) => (id === undefined ? undefined : records[ids.indexOf(id)]?.json);
    const permit = exec.permitId === undefined ? undefined : byId(exec.permitId);
    const denial = exec.denialId === undefined ? undefined : byId(exec.denialId);
    const T = ((permit ?? denial) as { credentialSubject?: { evaluation?: { evaluatedAt?: string } }; validFrom?: string } | undefined);
    const at = T?.credentialSubject?.evaluation?.evaluatedAt ?? T?.validFrom;
    // The status list snapshot in effect at the execution time, with its own receipt.
    const statusLists: Json[] = [];
    for (const g of grants) {
      const s = (g as { credentialStatus?: { statusListCredential: string } }).credentialStatus;
      const listId = s && this.#listIdOf(s.statusListCredential);
      if (listId === undefined) continue;
      const snap = await this.store.snapshotAt(listId, at);
      if (snap === undefined || statusLists.some((l) => digestMultibase(l) === snap.digest)) continue;
      statusLists.push(snap.json);
      if (snap.logIndex !== undefined) logged.push({ credentialId: snap.json.id as string, index: snap.logIndex });
    }
    const receipts = await receiptsFor(this.log, logged);
    const didDocuments: Record<string, Json> = {};
    for (const g of grants) {
      const issuer = g.issuer as string;
      if (issuer.startsWith('did:key:')) continue;
      const a = await this.store.getAuthority(issuer);
      if (a?.didDocument !== undefined) didDocuments[issuer] = a.didDocument;
    }
    const bundle: Json = {
      type: 'ProvenanceBundle',
      version: 1,
      grants,
      ...(permit === undefined ? {} : { permit }),
      ...(exec.outcomeId === undefined ? {} : { outcome: byId(exec.outcomeId) }),
      ...(denial === undefined ? {} : { denial }),
      presentations: { request: exec.request, ...(exec.report === undefined ? {} : { report: exec.report }) },
      receipts,
      statusLists,
      didDocuments,
    };
    return bundle;
  }

  /** The execution's Sigstore attestation (issue 6): its bundle, exported and signed by this governor. */
  async attestation(executionId: string, key: ApiKeyRecord): Promise<unknown> {
    return attestationOf(await this.bundle(executionId, key), this.#key);
  }
}
