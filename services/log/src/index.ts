export { createLogApp, type LogAppOptions } from './app.js';
export { checkBearer, generateApiKey, hashApiKey } from './auth.js';
export { loadApiKeyHash, loadOrCreateNoteKey } from './keys.js';
export { MAX_BATCH_BODY_BYTES, MAX_BATCH_ENTRIES, MAX_ENTRY_BYTES } from './limits.js';
export { LogService, type LogServiceOptions, type Publisher, type Receipt } from './log-service.js';
export { createMetrics, type LogMetrics } from './metrics.js';
export { type LogServerOptions, type RunningLog, type RunningServer, listen, startLogServer } from './server.js';
export { SqliteLogStore, type SqliteStoreOptions } from './sqlite-store.js';
export type { IntegrationCommit, LogStore, StoreState, StoredTile } from './store.js';
export { type CheckpointSigner, noteCheckpointSigner } from './tree.js';
export { parseWitnessFlag, type WitnessTarget, witnessPublisher } from './witness-client.js';
export { createWitnessApp, startWitnessServer, type WitnessAppOptions, type WitnessServerOptions } from './witness-app.js';
export {
  fetchCheckpoint,
  openLogCheckpoint,
  type VerifiedCheckpoint,
  type VerifiedConsistency,
  type VerifiedInclusion,
  verifyConsistencyFromTiles,
  verifyInclusionFromTiles,
} from './client.js';
