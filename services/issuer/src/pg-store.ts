/**
 * `GovernorStore` on PostgreSQL (`pg`), so several governor instances share challenges,
 * single-use permits and status lists. Each "once" rule is one atomic statement
 * (`DELETE … RETURNING`, `UPDATE … WHERE state = 'permitted'`) or a row-locked transaction
 * (`SELECT … FOR UPDATE` on the status list). JSON is kept as TEXT, byte for byte.
 */
import pg from 'pg';
import { XprovError } from '@xprov/format';
import { ISSUER_CODES } from './codes.js';
import { apiKeyFromRow, authorityFromRow, credentialFromRow, executionFromRow, type Row, setBit, snapshotFromRow, storeSchema } from './store-rows.js';
import type {
  ApiKeyRecord,
  AuthorityRecord,
  CredentialRecord,
  ExecutionRecord,
  GovernorStore,
  SnapshotRecord,
  StatusListState,
} from './store.js';

export class PgGovernorStore implements GovernorStore {
  readonly #pool: pg.Pool;
  /** Read from the server at connect: `synchronous_commit` other than `off`. */
  readonly commitsSurvivePowerLoss: boolean;

  private constructor(pool: pg.Pool, commitsSurvivePowerLoss: boolean) {
    this.#pool = pool;
    this.commitsSurvivePowerLoss = commitsSurvivePowerLoss;
  }

  static async connect(connectionString: string, max = 10): Promise<PgGovernorStore> {
    const pool = new pg.Pool({ connectionString, max });
    pool.on('error', () => {}); // idle-client errors surface on the next query
    let durable: boolean;
    try {
      // Schema creation is serialized between instances starting together.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(8151)');
        await client.query(storeSchema('postgres'));
        await client.query('SELECT pg_advisory_unlock(8151)');
        // `off` acknowledges commits before they reach disk; on, local, remote_write, remote_apply do not.
        const sc = await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
        durable = sc.rows[0]?.synchronous_commit !== 'off';
      } finally {
        client.release();
      }
    } catch (cause) {
      await pool.end();
      throw new XprovError(ISSUER_CODES.STORE, 'cannot open the PostgreSQL store', { cause });
    }
    return new PgGovernorStore(pool, durable);
  }

  async #q(sql: string, params: unknown[] = []): Promise<pg.QueryResult<Row>> {
    return this.#pool.query<Row>(sql, params);
  }
  async #one(sql: string, params: unknown[] = []): Promise<Row | undefined> {
    return (await this.#q(sql, params)).rows[0];
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.#one('SELECT value FROM meta WHERE key = $1', [key]))?.value as string | undefined;
  }
  async setMetaIfAbsent(key: string, value: string): Promise<string> {
    await this.#q('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [key, value]);
    return (await this.getMeta(key)) as string;
  }

  async putApiKey(r: ApiKeyRecord): Promise<void> {
    await this.#q('INSERT INTO api_keys (id, hash, role, subject, created_at) VALUES ($1, $2, $3, $4, $5)', [r.id, r.hash, r.role, r.subject ?? null, r.createdAt]);
  }
  async findApiKey(hash: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.#one('SELECT * FROM api_keys WHERE hash = $1', [hash]);
    return row && apiKeyFromRow(row);
  }

  async putAuthority(r: AuthorityRecord): Promise<boolean> {
    const res = await this.#q(
      'INSERT INTO authorities (did, vm, secret, public, did_document, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [r.did, r.verificationMethod, r.secretKeyMultibase, r.publicKeyMultibase, r.didDocument === undefined ? null : JSON.stringify(r.didDocument), r.createdAt],
    );
    return res.rowCount === 1;
  }
  async getAuthority(did: string): Promise<AuthorityRecord | undefined> {
    const row = await this.#one('SELECT * FROM authorities WHERE did = $1', [did]);
    return row && authorityFromRow(row);
  }
  async listAuthorities(): Promise<AuthorityRecord[]> {
    return (await this.#q('SELECT * FROM authorities ORDER BY created_at, did')).rows.map(authorityFromRow);
  }

  async putChallenge(challenge: string, expiresAt: number): Promise<void> {
    await this.#q('INSERT INTO challenges (challenge, expires_at) VALUES ($1, $2)', [challenge, expiresAt]);
  }
  async consumeChallenge(challenge: string, now: number): Promise<boolean> {
    const res = await this.#q('DELETE FROM challenges WHERE challenge = $1 AND expires_at > $2', [challenge, now]);
    if (Math.random() < 0.01) await this.#q('DELETE FROM challenges WHERE expires_at <= $1', [now]);
    return res.rowCount === 1;
  }

  async useChallenge(challenge: string, expiresAt: number, now: number): Promise<boolean> {
    if (expiresAt <= now) return false;
    const res = await this.#q('INSERT INTO used_challenges (challenge, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [challenge, expiresAt]);
    if (Math.random() < 0.001) await this.#q('DELETE FROM used_challenges WHERE expires_at <= $1', [now]);
    return res.rowCount === 1;
  }

  async putCredential(r: CredentialRecord): Promise<void> {
    await this.#q(
      'INSERT INTO credentials (id, type, digest, json, log_index, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [r.id, r.type, r.digest, JSON.stringify(r.json), r.logIndex ?? null, r.createdAt],
    );
  }
  async getCredential(id: string): Promise<CredentialRecord | undefined> {
    const row = await this.#one('SELECT * FROM credentials WHERE id = $1', [id]);
    return row && credentialFromRow(row);
  }
  async setCredentialLogIndex(id: string, index: number): Promise<void> {
    await this.#q('UPDATE credentials SET log_index = $1 WHERE id = $2', [index, id]);
  }

  async getCredentialDigest(id: string): Promise<{ digest: string; logIndex?: number | undefined } | undefined> {
    const row = await this.#one('SELECT digest, log_index FROM credentials WHERE id = $1', [id]);
    return row && { digest: String(row.digest), logIndex: row.log_index === null || row.log_index === undefined ? undefined : Number(row.log_index) };
  }
  async putIssued(credential: CredentialRecord, execution: ExecutionRecord): Promise<void> {
    const c = credential;
    const e = execution;
    // One statement, so one round trip and atomic: both rows or neither.
    await this.#q(
      `WITH cred AS (
         INSERT INTO credentials (id, type, digest, json, log_index, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
       )
       INSERT INTO executions (id, agent, state, permit_id, denial_id, outcome_id, request, report, created_at) VALUES ($7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        c.id, c.type, c.digest, JSON.stringify(c.json), c.logIndex ?? null, c.createdAt,
        e.id, e.agent, e.state, e.permitId ?? null, e.denialId ?? null, e.outcomeId ?? null, JSON.stringify(e.request), e.report === undefined ? null : JSON.stringify(e.report), e.createdAt,
      ],
    );
  }

  async putExecution(r: ExecutionRecord): Promise<void> {
    await this.#q(
      'INSERT INTO executions (id, agent, state, permit_id, denial_id, outcome_id, request, report, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [r.id, r.agent, r.state, r.permitId ?? null, r.denialId ?? null, r.outcomeId ?? null, JSON.stringify(r.request), r.report === undefined ? null : JSON.stringify(r.report), r.createdAt],
    );
  }
  async getExecution(id: string): Promise<ExecutionRecord | undefined> {
    const row = await this.#one('SELECT * FROM executions WHERE id = $1', [id]);
    return row && executionFromRow(row);
  }
  async getExecutionByPermit(permitId: string): Promise<ExecutionRecord | undefined> {
    const row = await this.#one('SELECT * FROM executions WHERE permit_id = $1', [permitId]);
    return row && executionFromRow(row);
  }
  async reportExecution(id: string, report: Record<string, unknown>, outcomeId: string): Promise<boolean> {
    const res = await this.#q("UPDATE executions SET state = 'reported', report = $1, outcome_id = $2 WHERE id = $3 AND state = 'permitted'", [
      JSON.stringify(report),
      outcomeId,
      id,
    ]);
    return res.rowCount === 1;
  }

  async allocateStatusIndex(listId: string, size: number): Promise<{ index: number; created: boolean }> {
    const ins = await this.#q("INSERT INTO status_lists (id, next_index, bits, version) VALUES ($1, 0, $2, 0) ON CONFLICT DO NOTHING", [
      listId,
      Buffer.alloc(Math.ceil(size / 8)),
    ]);
    const row = await this.#one('UPDATE status_lists SET next_index = next_index + 1 WHERE id = $1 RETURNING next_index - 1 AS idx', [listId]);
    return { index: Number(row!.idx), created: ins.rowCount === 1 };
  }
  async setStatusBit(listId: string, index: number): Promise<{ list: StatusListState; changed: boolean }> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const row = (await client.query<Row>('SELECT * FROM status_lists WHERE id = $1 FOR UPDATE', [listId])).rows[0];
      if (row === undefined) throw new RangeError('no such status list');
      const bits = new Uint8Array(row.bits as Buffer);
      const changed = setBit(bits, index);
      let version = Number(row.version);
      if (changed) {
        const r = await client.query<Row>('UPDATE status_lists SET bits = $1, version = version + 1 WHERE id = $2 RETURNING version', [Buffer.from(bits), listId]);
        version = Number(r.rows[0]!.version);
      }
      await client.query('COMMIT');
      return { list: { id: listId, nextIndex: Number(row.next_index), bits, version }, changed };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }
  async getStatusBit(listId: string, index: number): Promise<boolean | undefined> {
    if (!Number.isSafeInteger(index) || index < 0) return undefined;
    const row = await this.#one('SELECT CASE WHEN $2 < length(bits) THEN get_byte(bits, $2) END AS b, length(bits) AS n FROM status_lists WHERE id = $1', [
      listId,
      index >> 3,
    ]);
    if (row === undefined || row.b === null || index >= Number(row.n) * 8) return undefined;
    return (Number(row.b) & (0x80 >> (index & 7))) !== 0;
  }
  async getStatusList(listId: string): Promise<StatusListState | undefined> {
    const row = await this.#one('SELECT * FROM status_lists WHERE id = $1', [listId]);
    if (row === undefined) return undefined;
    return { id: listId, nextIndex: Number(row.next_index), bits: new Uint8Array(row.bits as Buffer), version: Number(row.version) };
  }

  async putSnapshot(s: SnapshotRecord): Promise<void> {
    await this.#q(
      'INSERT INTO status_snapshots (list_id, version, valid_from, digest, json, log_index) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [s.listId, s.version, s.validFrom, s.digest, JSON.stringify(s.json), s.logIndex ?? null],
    );
  }
  async setSnapshotLogIndex(listId: string, version: number, index: number): Promise<void> {
    await this.#q('UPDATE status_snapshots SET log_index = $1 WHERE list_id = $2 AND version = $3', [index, listId, version]);
  }
  async snapshotAt(listId: string, at?: string): Promise<SnapshotRecord | undefined> {
    const row =
      at === undefined
        ? await this.#one('SELECT * FROM status_snapshots WHERE list_id = $1 ORDER BY version DESC LIMIT 1', [listId])
        : await this.#one(
            'SELECT * FROM status_snapshots WHERE list_id = $1 AND valid_from <= $2 ORDER BY valid_from DESC, version DESC LIMIT 1',
            [listId, at],
          );
    return row && snapshotFromRow(row);
  }
}
