/** Limits of the write API (spec/log-service.md §Limits). */

/**
 * Largest entry: 65535 bytes. The issue says "at most 64 KiB"; C2SP tlog-tiles entry bundles
 * prefix each entry with a big-endian uint16 length, so 65536 itself cannot be stored.
 */
export const MAX_ENTRY_BYTES = 65535;
/** Most entries in one `POST /add-batch`. */
export const MAX_BATCH_ENTRIES = 1024;
/** Largest `POST /add-batch` body (JSON with base64 entries). */
export const MAX_BATCH_BODY_BYTES = 8 * 1024 * 1024;
/** Longest a `?wait=receipt` request waits for integration (and witnessing). */
export const DEFAULT_RECEIPT_TIMEOUT_MS = 10_000;
