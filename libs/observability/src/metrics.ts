import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export const METRIC_PREFIX = 'hookline_';

export interface ServiceMetrics {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status_class'>;
  dependencyUp: Gauge<'dependency'>;
}

/** One prom-client registry per service: process metrics plus the shared HTTP and readiness series. */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const httpRequestDuration = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'HTTP API requests by method, route template and status class',
    labelNames: ['method', 'route', 'status_class'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const dependencyUp = new Gauge({
    name: `${METRIC_PREFIX}dependency_up`,
    help: 'Whether the last readiness check reached the dependency (1) or not (0)',
    labelNames: ['dependency'],
    registers: [registry],
  });
  return { registry, httpRequestDuration, dependencyUp };
}
