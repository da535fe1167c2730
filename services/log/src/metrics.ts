/** Prometheus metrics of the log service (`GET /metrics`), one registry per app instance. */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface LogMetrics {
  registry: Registry;
  entriesAdded: Counter;
  addRequests: Counter<'route'>;
  sequenceBatch: Histogram;
  integrationBatch: Histogram;
  integrationLatency: Histogram;
  treeSize: Gauge;
  sequencedSize: Gauge;
  witnessFailures: Counter<'witness'>;
}

export function createMetrics(): LogMetrics {
  const registry = new Registry();
  return {
    registry,
    entriesAdded: new Counter({ name: 'xprov_log_entries_added_total', help: 'Entries durably sequenced', registers: [registry] }),
    addRequests: new Counter({
      name: 'xprov_log_add_requests_total',
      help: 'Accepted add requests',
      labelNames: ['route'],
      registers: [registry],
    }),
    sequenceBatch: new Histogram({
      name: 'xprov_log_sequence_batch_entries',
      help: 'Entries per group-committed sequencing transaction',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096],
      registers: [registry],
    }),
    integrationBatch: new Histogram({
      name: 'xprov_log_integration_batch_entries',
      help: 'Entries per integration (one checkpoint each)',
      buckets: [1, 4, 16, 64, 128, 256, 512, 1024, 4096],
      registers: [registry],
    }),
    integrationLatency: new Histogram({
      name: 'xprov_log_integration_latency_seconds',
      help: 'Time from sequencing of the oldest entry of a batch to its checkpoint',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    treeSize: new Gauge({ name: 'xprov_log_tree_size', help: 'Size of the integrated tree', registers: [registry] }),
    sequencedSize: new Gauge({ name: 'xprov_log_sequenced_size', help: 'Entries durably sequenced', registers: [registry] }),
    witnessFailures: new Counter({
      name: 'xprov_log_witness_failures_total',
      help: 'Failed witness cosignature requests',
      labelNames: ['witness'],
      registers: [registry],
    }),
  };
}
