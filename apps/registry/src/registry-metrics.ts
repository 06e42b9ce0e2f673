import { Counter } from 'prom-client';
import { METRIC_PREFIX, type ServiceMetrics } from '@hookline/observability';

/** The registry's own series, next to the shared HTTP and process metrics. */
export class RegistryMetrics {
  readonly testSends: Counter<'result'>;

  constructor(metrics: ServiceMetrics) {
    this.testSends = new Counter({
      name: `${METRIC_PREFIX}test_sends_total`,
      help: 'Test sends (POST /v1/subscriptions/{id}/test) by result: ok (2xx) or failed',
      labelNames: ['result'],
      registers: [metrics.registry],
    });
  }
}
