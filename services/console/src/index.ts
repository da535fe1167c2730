/** @xprov/console: the xprov console (DESIGN §6) — proof viewer, lineage explorer, health dashboard. */
export { createConsoleApp, type ConsoleOptions } from './app.js';
export { startConsoleServer, type ConsoleServerOptions, type RunningConsole } from './server.js';
export { CONSOLE_CODES } from './codes.js';
