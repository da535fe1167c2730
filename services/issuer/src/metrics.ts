/** Prometheus metrics of the governor (prom-client, own registry). */
import { Counter, Histogram, Registry } from 'prom-client';

export interface GovernorMetrics {
  registry: Registry;
  permits: Counter;
  denials: Counter<'code'>;
  outcomes: Counter<'status'>;
  gate: Histogram;
  http: Histogram<'route' | 'status'>;
}

export function createMetrics(): GovernorMetrics {
  const registry = new Registry();
  return {
    registry,
    permits: new Counter({ name: 'xprov_governor_permits_total', help: 'Permits issued', registers: [registry] }),
    denials: new Counter({
      name: 'xprov_governor_denials_total',
      help: 'Requests refused at the gate, by first failing code',
      labelNames: ['code'],
      registers: [registry],
    }),
    outcomes: new Counter({
      name: 'xprov_governor_outcomes_total',
      help: 'Outcomes issued, by status',
      labelNames: ['status'],
      registers: [registry],
    }),
    gate: new Histogram({
      name: 'xprov_governor_gate_seconds',
      help: 'Time to decide a permit request, logging included',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    http: new Histogram({
      name: 'xprov_governor_http_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
  };
}
