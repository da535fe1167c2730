export * from './common.js';
export * from './grant.js';
export * from './log-entry.js';
export * from './outcome.js';
export * from './permit.js';
export * from './presentations.js';
