export * from './agent.js';
export * from './enforcement.js';
