/**
 * `GovernorStore`: the governor's state behind one narrow interface (spec/governor.md §Storage).
 * SQLite (`SqliteGovernorStore`) by default; PostgreSQL (`PgGovernorStore`) when several governor
 * instances share state. Every method that enforces a "once" rule is atomic in the store itself:
 * challenge consumption, permit consumption, status-index allocation and bit setting.
 */
export type Role = 'admin' | 'authority' | 'agent' | 'auditor';

export interface ApiKeyRecord {
  id: string;
  /** Hex SHA-256 of the key. */
  hash: string;
  role: Role;
  /** The DID the key acts for (an authority's or agent's); unbound when absent. */
  subject?: string | undefined;
  createdAt: string;
}

export interface AuthorityRecord {
  did: string;
  verificationMethod: string;
  /** Multikey JSON with the secret: never leaves the store except to sign. */
  secretKeyMultibase: string;
  publicKeyMultibase: string;
  /** The DID document (did:web authorities; served at their did.json path). */
  didDocument?: Record<string, unknown> | undefined;
  createdAt: string;
}

export interface CredentialRecord {
  id: string;
  type: string;
  digest: string;
  json: Record<string, unknown>;
  logIndex?: number | undefined;
  createdAt: string;
}

export type ExecutionState = 'permitted' | 'denied' | 'reported';

export interface ExecutionRecord {
  id: string;
  agent: string;
  state: ExecutionState;
  permitId?: string | undefined;
  denialId?: string | undefined;
  outcomeId?: string | undefined;
  /** The agent's request presentation (carries the grant chain). */
  request: Record<string, unknown>;
  report?: Record<string, unknown> | undefined;
  createdAt: string;
}

export interface StatusListState {
  id: string;
  nextIndex: number;
  /** MSB-first bitstring (Bitstring Status List v1.0 §3.1). */
  bits: Uint8Array;
  version: number;
}

export interface SnapshotRecord {
  listId: string;
  version: number;
  validFrom: string;
  digest: string;
  json: Record<string, unknown>;
  logIndex?: number | undefined;
}

export interface GovernorStore {
  /**
   * True when a committed write survives a power loss (PostgreSQL with `synchronous_commit` on;
   * not SQLite at `synchronous=NORMAL`). When false, the governor refuses challenges handed out
   * before it started (spec/governor.md §12): a use lost with the last commits cannot be replayed.
   */
  readonly commitsSurvivePowerLoss: boolean;
  close(): Promise<void>;

  getMeta(key: string): Promise<string | undefined>;
  /** Sets `key` unless set; returns the value now stored (race-safe between instances). */
  setMetaIfAbsent(key: string, value: string): Promise<string>;

  putApiKey(r: ApiKeyRecord): Promise<void>;
  findApiKey(hash: string): Promise<ApiKeyRecord | undefined>;

  /** False when the DID is already registered. */
  putAuthority(r: AuthorityRecord): Promise<boolean>;
  getAuthority(did: string): Promise<AuthorityRecord | undefined>;
  listAuthorities(): Promise<AuthorityRecord[]>;

  putChallenge(challenge: string, expiresAt: number): Promise<void>;
  /** Deletes the challenge if it exists and has not expired at `now`; true exactly once. */
  consumeChallenge(challenge: string, now: number): Promise<boolean>;
  /**
   * Records the use of a (MAC-checked, unexpired) challenge that lives until `expiresAt`; true
   * exactly once per challenge, also between instances (challenges.ts). Uses expired at `now`
   * may be forgotten: their challenges are refused on their expiry anyway.
   */
  useChallenge(challenge: string, expiresAt: number, now: number): Promise<boolean>;

  /** Inserts or ignores (a credential id is stored once). */
  putCredential(r: CredentialRecord): Promise<void>;
  getCredential(id: string): Promise<CredentialRecord | undefined>;
  setCredentialLogIndex(id: string, index: number): Promise<void>;
  /** The digest and log index of a stored credential, without reading its JSON. */
  getCredentialDigest(id: string): Promise<{ digest: string; logIndex?: number | undefined } | undefined>;
  /**
   * The gate's one write per decision (spec/governor.md §Performance): a newly issued permit or
   * denial (already logged, so with its log index) and its execution, in one transaction.
   */
  putIssued(credential: CredentialRecord, execution: ExecutionRecord): Promise<void>;

  putExecution(r: ExecutionRecord): Promise<void>;
  getExecution(id: string): Promise<ExecutionRecord | undefined>;
  getExecutionByPermit(permitId: string): Promise<ExecutionRecord | undefined>;
  /** Atomically moves a `permitted` execution to `reported`; false if it was not `permitted` (single use). */
  reportExecution(id: string, report: Record<string, unknown>, outcomeId: string): Promise<boolean>;

  /** Creates the list on first use (all zeros, `size` bits) and hands out the next free index. */
  allocateStatusIndex(listId: string, size: number): Promise<{ index: number; created: boolean }>;
  /** Sets one bit; returns the list after the change and whether the bit was newly set. */
  setStatusBit(listId: string, index: number): Promise<{ list: StatusListState; changed: boolean }>;
  getStatusList(listId: string): Promise<StatusListState | undefined>;
  /** One bit of a list as stored now (true = set); undefined when the list or the index does not exist. */
  getStatusBit(listId: string, index: number): Promise<boolean | undefined>;

  putSnapshot(s: SnapshotRecord): Promise<void>;
  setSnapshotLogIndex(listId: string, version: number, index: number): Promise<void>;
  /** Latest snapshot with validFrom ≤ `at` (ISO), or the latest of all without `at`. */
  snapshotAt(listId: string, at?: string): Promise<SnapshotRecord | undefined>;
}
