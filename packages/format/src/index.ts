export * from './base58btc.js';
export * from './context.js';
export * from './digest.js';
export * from './errors.js';
export * from './jcs.js';
