import { Counter, Histogram } from 'prom-client';
import { METRIC_PREFIX, type ServiceMetrics } from '@hookline/observability';

/** The dispatcher's own series; labels are bounded enums (outcome, error class), never ids or URLs. */
export class DispatcherMetrics {
  readonly attempts: Counter<'outcome' | 'error'>;
  readonly attemptDuration: Histogram<'outcome'>;
  readonly endToEndLatency: Histogram;
  readonly skipped: Counter<'reason'>;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.attempts = new Counter({
      name: `${METRIC_PREFIX}delivery_attempts_total`,
      help: 'Delivery attempts by the delivery status they led to and the error class (none on success)',
      labelNames: ['outcome', 'error'],
      registers,
    });
    this.attemptDuration = new Histogram({
      name: `${METRIC_PREFIX}delivery_attempt_duration_seconds`,
      help: 'Duration of one HTTP attempt, connect to (capped) response body',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.endToEndLatency = new Histogram({
      name: `${METRIC_PREFIX}delivery_latency_seconds`,
      help: 'From event accepted to a successful first attempt answered',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.skipped = new Counter({
      name: `${METRIC_PREFIX}deliveries_skipped_total`,
      help: 'Delivery messages not sent: already done, cancelled, held, or unreadable',
      labelNames: ['reason'],
      registers,
    });
  }
}
