/**
 * @xprov/log-core — the transparency log's formats and math, pure (no I/O; runs in a browser):
 * RFC 9162 Merkle tree and proofs, C2SP signed-note, tlog-checkpoint, tlog-cosignature,
 * tlog-tiles (paths, encodings, integrate), tlog-witness decisions, tlog-proof and COSE receipts.
 * See spec/log.md.
 */
export * from './bytes.js';
export * from './memory-tree.js';
export * from './rfc9162.js';
export * from './signed-note.js';
export * from './tlog-checkpoint.js';
export * from './tlog-cosignature.js';
export * from './tlog-tiles.js';
export * from './tlog-witness.js';
export * from './cose-receipt.js';
export * from './receipt.js';
export * from './tlog-proof.js';
