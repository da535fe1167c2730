/** Operational codes of the console server (spec/errors.md §Console). */
export const CONSOLE_CODES = {
  /** The console was started without the upstream (governor or log) a route needs. */
  NOT_CONFIGURED: 'XP_CONSOLE_NOT_CONFIGURED',
  /** The governor or log could not be reached, timed out, or answered too much. */
  UPSTREAM: 'XP_CONSOLE_UPSTREAM',
  /** No such route or asset, or a path parameter outside its bounds. */
  NOT_FOUND: 'XP_CONSOLE_NOT_FOUND',
} as const;
