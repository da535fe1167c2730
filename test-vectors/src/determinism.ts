/**
 * Deterministic inputs of the generator: every seed, identifier and time is derived from a
 * label, so regenerating gives byte-identical vectors (spec/vectors.md §2).
 *
 * Nothing here is secret: these keys exist only to sign test vectors and are published with them.
 */
import { sha256 } from '@noble/hashes/sha2.js';

const DOMAIN = 'xprov/test-vectors/v1/';
const utf8 = new TextEncoder();

/** 32-byte seed for an Ed25519 key: SHA-256("xprov/test-vectors/v1/" ‖ label). */
export function seedFor(label: string): Uint8Array {
  return sha256(utf8.encode(DOMAIN + 'seed/' + label));
}

/**
 * A name-based UUID (RFC 9562 §5.8, version 8, SHA-256 of the label as in its Appendix B.2),
 * written as a `urn:uuid:` URI.
 */
export function uuidFor(label: string): string {
  const h = sha256(utf8.encode(DOMAIN + 'uuid/' + label)).slice(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x80; // version 8
  h[8] = (h[8]! & 0x3f) | 0x80; // variant 10
  const hex = Array.from(h, (b) => b.toString(16).padStart(2, '0')).join('');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A deterministic opaque token (challenges, nonces): base64url of SHA-256 of the label, 22 chars. */
export function tokenFor(label: string): string {
  const h = sha256(utf8.encode(DOMAIN + 'token/' + label)).slice(0, 16);
  return Buffer.from(h).toString('base64url');
}

/** ISO 8601 time without milliseconds (the format of every xprov time value). */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Seconds added to an ISO time. */
export function addSeconds(time: string, seconds: number): string {
  return iso(Date.parse(time) + seconds * 1000);
}

/** The fixed timeline of every scenario (spec/vectors.md §2). */
export const TIMES = {
  /** Grants become valid. */
  grantsFrom: '2025-01-01T00:00:00Z',
  /** Grants expire (a year later). */
  grantsUntil: '2026-01-01T00:00:00Z',
  /** The status list is published. */
  statusListFrom: '2025-01-01T00:00:00Z',
  /** The governor evaluates the request and signs the permit (the time of execution). */
  evaluatedAt: '2025-06-01T12:00:00Z',
  /** Permit lifetime in seconds (DESIGN §2: short, default 60 s). */
  permitSeconds: 60,
  /** The agent starts and completes the action, relative to evaluatedAt. */
  startOffset: 5,
  completeOffset: 10,
  /** Witness cosignature time (Unix seconds), after the outcome. */
  witnessOffset: 30,
} as const;
