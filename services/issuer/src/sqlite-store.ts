/**
 * `GovernorStore` on SQLite (better-sqlite3, WAL). One writer connection: every "once" rule is a
 * single statement (`DELETE … RETURNING`, `UPDATE … WHERE state = …`) or an IMMEDIATE
 * transaction, so it also holds between processes sharing the file.
 */
import Database from 'better-sqlite3';
import { FALLBACK_PAGES, SqliteCheckpointer } from './sqlite-checkpointer.js';
import {
  apiKeyFromRow,
  authorityFromRow,
  credentialFromRow,
  executionFromRow,
  optNum,
  optStr,
  type Row,
  setBit,
  snapshotFromRow,
  storeSchema,
  str,
} from './store-rows.js';
import type {
  ApiKeyRecord,
  AuthorityRecord,
  CredentialRecord,
  ExecutionRecord,
  GovernorStore,
  SnapshotRecord,
  StatusListState,
} from './store.js';

export class SqliteGovernorStore implements GovernorStore {
  /** WAL at synchronous=NORMAL: the commits since the last WAL sync may be lost on power loss. */
  readonly commitsSurvivePowerLoss = false;
  readonly #db: Database.Database;
  readonly #stmts: Record<string, Database.Statement>;
  readonly #issueTx: (c: CredentialRecord, e: ExecutionRecord) => void;
  readonly #checkpointer: SqliteCheckpointer | undefined;

  /**
   * `options.backgroundCheckpoints` (default true for a file): WAL checkpoints run on a worker
   * thread (sqlite-checkpointer.ts) instead of inside whichever commit crosses 1000 pages.
   */
  constructor(file: string, options: { backgroundCheckpoints?: boolean } = {}) {
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(storeSchema('sqlite'));
    const inMemory = file === ':memory:' || file === '';
    if (!inMemory && (options.backgroundCheckpoints ?? true)) {
      this.#db.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
      this.#checkpointer = new SqliteCheckpointer(file);
    }
    const p = (sql: string) => this.#db.prepare(sql);
    this.#stmts = {
      getMeta: p('SELECT value FROM meta WHERE key = ?'),
      insMeta: p('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)'),
      putKey: p('INSERT INTO api_keys (id, hash, role, subject, created_at) VALUES (?, ?, ?, ?, ?)'),
      findKey: p('SELECT * FROM api_keys WHERE hash = ?'),
      putAuth: p('INSERT OR IGNORE INTO authorities (did, vm, secret, public, did_document, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      getAuth: p('SELECT * FROM authorities WHERE did = ?'),
      listAuth: p('SELECT * FROM authorities ORDER BY created_at, did'),
      putCh: p('INSERT INTO challenges (challenge, expires_at) VALUES (?, ?)'),
      useCh: p('DELETE FROM challenges WHERE challenge = ? AND expires_at > ?'),
      gcCh: p('DELETE FROM challenges WHERE expires_at <= ?'),
      useCh2: p('INSERT INTO used_challenges (challenge, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      gcUsed: p('DELETE FROM used_challenges WHERE expires_at <= ?'),
      putCred: p('INSERT OR IGNORE INTO credentials (id, type, digest, json, log_index, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      getCred: p('SELECT * FROM credentials WHERE id = ?'),
      setCredLog: p('UPDATE credentials SET log_index = ? WHERE id = ?'),
      getCredDigest: p('SELECT digest, log_index FROM credentials WHERE id = ?'),
      putExec: p(
        'INSERT INTO executions (id, agent, state, permit_id, denial_id, outcome_id, request, report, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      getExec: p('SELECT * FROM executions WHERE id = ?'),
      getExecByPermit: p('SELECT * FROM executions WHERE permit_id = ?'),
      report: p("UPDATE executions SET state = 'reported', report = ?, outcome_id = ? WHERE id = ? AND state = 'permitted'"),
      getList: p('SELECT * FROM status_lists WHERE id = ?'),
      // One byte of the list (substr on a BLOB counts bytes, from 1), not the whole 16 KiB.
      getBitByte: p('SELECT substr(bits, ?, 1) AS b, length(bits) AS n FROM status_lists WHERE id = ?'),
      insList: p('INSERT OR IGNORE INTO status_lists (id, next_index, bits, version) VALUES (?, 0, ?, 0)'),
      bumpList: p('UPDATE status_lists SET next_index = next_index + 1 WHERE id = ? RETURNING next_index - 1 AS idx'),
      saveBits: p('UPDATE status_lists SET bits = ?, version = version + 1 WHERE id = ? RETURNING version'),
      putSnap: p('INSERT OR IGNORE INTO status_snapshots (list_id, version, valid_from, digest, json, log_index) VALUES (?, ?, ?, ?, ?, ?)'),
      setSnapLog: p('UPDATE status_snapshots SET log_index = ? WHERE list_id = ? AND version = ?'),
      snapAt: p('SELECT * FROM status_snapshots WHERE list_id = ? AND valid_from <= ? ORDER BY valid_from DESC, version DESC LIMIT 1'),
      snapLatest: p('SELECT * FROM status_snapshots WHERE list_id = ? ORDER BY version DESC LIMIT 1'),
    };
    this.#issueTx = this.#db.transaction((c: CredentialRecord, e: ExecutionRecord) => {
      this.#stmts.putCred!.run(c.id, c.type, c.digest, JSON.stringify(c.json), c.logIndex ?? null, c.createdAt);
      this.#insertExecution(e);
    });
  }

  async close(): Promise<void> {
    await this.#checkpointer?.close();
    this.#db.close();
  }

  async getMeta(key: string): Promise<string | undefined> {
    return optStr((this.#stmts.getMeta!.get(key) as Row | undefined)?.value);
  }
  async setMetaIfAbsent(key: string, value: string): Promise<string> {
    this.#stmts.insMeta!.run(key, value);
    return str((this.#stmts.getMeta!.get(key) as Row).value);
  }

  async putApiKey(r: ApiKeyRecord): Promise<void> {
    this.#stmts.putKey!.run(r.id, r.hash, r.role, r.subject ?? null, r.createdAt);
  }
  async findApiKey(hash: string): Promise<ApiKeyRecord | undefined> {
    const row = this.#stmts.findKey!.get(hash) as Row | undefined;
    return row && apiKeyFromRow(row);
  }

  async putAuthority(r: AuthorityRecord): Promise<boolean> {
    const info = this.#stmts.putAuth!.run(
      r.did,
      r.verificationMethod,
      r.secretKeyMultibase,
      r.publicKeyMultibase,
      r.didDocument === undefined ? null : JSON.stringify(r.didDocument),
      r.createdAt,
    );
    return info.changes === 1;
  }
  async getAuthority(did: string): Promise<AuthorityRecord | undefined> {
    const row = this.#stmts.getAuth!.get(did) as Row | undefined;
    return row && authorityFromRow(row);
  }
  async listAuthorities(): Promise<AuthorityRecord[]> {
    return (this.#stmts.listAuth!.all() as Row[]).map(authorityFromRow);
  }

  async putChallenge(challenge: string, expiresAt: number): Promise<void> {
    this.#stmts.putCh!.run(challenge, expiresAt);
  }
  async consumeChallenge(challenge: string, now: number): Promise<boolean> {
    const used = this.#stmts.useCh!.run(challenge, now).changes === 1;
    if (Math.random() < 0.01) this.#stmts.gcCh!.run(now);
    return used;
  }

  async useChallenge(challenge: string, expiresAt: number, now: number): Promise<boolean> {
    if (expiresAt <= now) return false;
    const first = this.#stmts.useCh2!.run(challenge, expiresAt).changes === 1;
    if (Math.random() < 0.001) this.#stmts.gcUsed!.run(now);
    return first;
  }

  async putCredential(r: CredentialRecord): Promise<void> {
    this.#stmts.putCred!.run(r.id, r.type, r.digest, JSON.stringify(r.json), r.logIndex ?? null, r.createdAt);
  }
  async getCredential(id: string): Promise<CredentialRecord | undefined> {
    const row = this.#stmts.getCred!.get(id) as Row | undefined;
    return row && credentialFromRow(row);
  }
  async setCredentialLogIndex(id: string, index: number): Promise<void> {
    this.#stmts.setCredLog!.run(index, id);
  }

  async getCredentialDigest(id: string): Promise<{ digest: string; logIndex?: number | undefined } | undefined> {
    const row = this.#stmts.getCredDigest!.get(id) as Row | undefined;
    return row && { digest: str(row.digest), logIndex: optNum(row.log_index) };
  }
  async putIssued(credential: CredentialRecord, execution: ExecutionRecord): Promise<void> {
    this.#issueTx(credential, execution);
  }

  async putExecution(r: ExecutionRecord): Promise<void> {
    this.#insertExecution(r);
  }
  #insertExecution(r: ExecutionRecord): void {
    this.#stmts.putExec!.run(
      r.id,
      r.agent,
      r.state,
      r.permitId ?? null,
      r.denialId ?? null,
      r.outcomeId ?? null,
      JSON.stringify(r.request),
      r.report === undefined ? null : JSON.stringify(r.report),
      r.createdAt,
    );
  }
  async getExecution(id: string): Promise<ExecutionRecord | undefined> {
    const row = this.#stmts.getExec!.get(id) as Row | undefined;
    return row && executionFromRow(row);
  }
  async getExecutionByPermit(permitId: string): Promise<ExecutionRecord | undefined> {
    const row = this.#stmts.getExecByPermit!.get(permitId) as Row | undefined;
    return row && executionFromRow(row);
  }
  async reportExecution(id: string, report: Record<string, unknown>, outcomeId: string): Promise<boolean> {
    return this.#stmts.report!.run(JSON.stringify(report), outcomeId, id).changes === 1;
  }

  async allocateStatusIndex(listId: string, size: number): Promise<{ index: number; created: boolean }> {
    return this.#db
      .transaction(() => {
        const created = this.#stmts.insList!.run(listId, Buffer.alloc(Math.ceil(size / 8))).changes === 1;
        const row = this.#stmts.bumpList!.get(listId) as Row;
        return { index: Number(row.idx), created };
      })
      .immediate();
  }
  async setStatusBit(listId: string, index: number): Promise<{ list: StatusListState; changed: boolean }> {
    return this.#db
      .transaction(() => {
        const row = this.#stmts.getList!.get(listId) as Row | undefined;
        if (row === undefined) throw new RangeError('no such status list');
        const bits = new Uint8Array(row.bits as Buffer);
        const changed = setBit(bits, index);
        let version = Number(row.version);
        if (changed) version = Number((this.#stmts.saveBits!.get(Buffer.from(bits), listId) as Row).version);
        return { list: { id: listId, nextIndex: Number(row.next_index), bits, version }, changed };
      })
      .immediate();
  }
  async getStatusBit(listId: string, index: number): Promise<boolean | undefined> {
    if (!Number.isSafeInteger(index) || index < 0) return undefined;
    const row = this.#stmts.getBitByte!.get((index >> 3) + 1, listId) as Row | undefined;
    if (row === undefined || index >= Number(row.n) * 8) return undefined;
    return ((row.b as Buffer)[0]! & (0x80 >> (index & 7))) !== 0;
  }
  async getStatusList(listId: string): Promise<StatusListState | undefined> {
    const row = this.#stmts.getList!.get(listId) as Row | undefined;
    if (row === undefined) return undefined;
    return { id: listId, nextIndex: Number(row.next_index), bits: new Uint8Array(row.bits as Buffer), version: Number(row.version) };
  }

  async putSnapshot(s: SnapshotRecord): Promise<void> {
    this.#stmts.putSnap!.run(s.listId, s.version, s.validFrom, s.digest, JSON.stringify(s.json), s.logIndex ?? null);
  }
  async setSnapshotLogIndex(listId: string, version: number, index: number): Promise<void> {
    this.#stmts.setSnapLog!.run(index, listId, version);
  }
  async snapshotAt(listId: string, at?: string): Promise<SnapshotRecord | undefined> {
    const row = (at === undefined ? this.#stmts.snapLatest!.get(listId) : this.#stmts.snapAt!.get(listId, at)) as Row | undefined;
    return row && snapshotFromRow(row);
  }
}
