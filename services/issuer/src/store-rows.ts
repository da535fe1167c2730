/**
 * The governor store's tables, once for both SQL dialects (spec/governor.md §12), and the
 * mapping of their rows to records. SQLite and PostgreSQL differ only in the integer and byte
 * column types; JSON is kept as TEXT, byte for byte, in both. Row values come from our own
 * database, written by us.
 */
import type { ApiKeyRecord, AuthorityRecord, CredentialRecord, ExecutionRecord, SnapshotRecord } from './store.js';

export type SqlDialect = 'sqlite' | 'postgres';

/** `CREATE TABLE IF NOT EXISTS …` for every table, in `dialect`. */
export function storeSchema(dialect: SqlDialect): string {
  const INT = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  const BYTES = dialect === 'sqlite' ? 'BLOB' : 'BYTEA';
  return `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS api_keys (id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, subject TEXT, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS authorities (did TEXT PRIMARY KEY, vm TEXT NOT NULL, secret TEXT NOT NULL, public TEXT NOT NULL, did_document TEXT, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS challenges (challenge TEXT PRIMARY KEY, expires_at ${INT} NOT NULL);
CREATE TABLE IF NOT EXISTS used_challenges (challenge TEXT PRIMARY KEY, expires_at ${INT} NOT NULL);
CREATE TABLE IF NOT EXISTS credentials (id TEXT PRIMARY KEY, type TEXT NOT NULL, digest TEXT NOT NULL, json TEXT NOT NULL, log_index ${INT}, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS executions (id TEXT PRIMARY KEY, agent TEXT NOT NULL, state TEXT NOT NULL, permit_id TEXT UNIQUE, denial_id TEXT, outcome_id TEXT, request TEXT NOT NULL, report TEXT, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS status_lists (id TEXT PRIMARY KEY, next_index ${INT} NOT NULL, bits ${BYTES} NOT NULL, version ${INT} NOT NULL);
CREATE TABLE IF NOT EXISTS status_snapshots (list_id TEXT NOT NULL, version ${INT} NOT NULL, valid_from TEXT NOT NULL, digest TEXT NOT NULL, json TEXT NOT NULL, log_index ${INT}, PRIMARY KEY (list_id, version));
`;
}

export type Row = Record<string, unknown>;
export const str = (v: unknown): string => v as string;
export const optStr = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : (v as string));
export const optNum = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const json = (v: unknown): Record<string, unknown> => JSON.parse(v as string) as Record<string, unknown>;

export function apiKeyFromRow(r: Row): ApiKeyRecord {
  return { id: str(r.id), hash: str(r.hash), role: str(r.role) as ApiKeyRecord['role'], subject: optStr(r.subject), createdAt: str(r.created_at) };
}
export function authorityFromRow(r: Row): AuthorityRecord {
  return {
    did: str(r.did),
    verificationMethod: str(r.vm),
    secretKeyMultibase: str(r.secret),
    publicKeyMultibase: str(r.public),
    didDocument: r.did_document === null || r.did_document === undefined ? undefined : json(r.did_document),
    createdAt: str(r.created_at),
  };
}
export function credentialFromRow(r: Row): CredentialRecord {
  return { id: str(r.id), type: str(r.type), digest: str(r.digest), json: json(r.json), logIndex: optNum(r.log_index), createdAt: str(r.created_at) };
}
export function executionFromRow(r: Row): ExecutionRecord {
  return {
    id: str(r.id),
    agent: str(r.agent),
    state: str(r.state) as ExecutionRecord['state'],
    permitId: optStr(r.permit_id),
    denialId: optStr(r.denial_id),
    outcomeId: optStr(r.outcome_id),
    request: json(r.request),
    report: r.report === null || r.report === undefined ? undefined : json(r.report),
    createdAt: str(r.created_at),
  };
}
export function snapshotFromRow(r: Row): SnapshotRecord {
  return { listId: str(r.list_id), version: Number(r.version), validFrom: str(r.valid_from), digest: str(r.digest), json: json(r.json), logIndex: optNum(r.log_index) };
}

/** MSB-first bit set (Bitstring Status List v1.0 §3.1). */
export function setBit(bits: Uint8Array, index: number): boolean {
  const i = index >> 3;
  const mask = 0x80 >> (index & 7);
  if (i >= bits.length) throw new RangeError('status index beyond the list');
  const was = (bits[i]! & mask) !== 0;
  bits[i] = bits[i]! | mask;
  return !was;
}
