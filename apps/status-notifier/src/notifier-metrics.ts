import { Counter, Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { METRIC_PREFIX, type ServiceMetrics } from '@hookline/observability';

const STATUSES = ['enabled', 'disabled', 'auto_disabled'] as const;

/** The status notifier's series: what it read, what it decided, the mail it sent, and subscriptions by status. */
export class NotifierMetrics {
  readonly attempts: Counter<'outcome'>;
  readonly autoDisabled: Counter<'reason'>;
  readonly recovered: Counter;
  readonly mails: Counter<'result'>;

  constructor(metrics: ServiceMetrics, dataSource: DataSource) {
    const registers = [metrics.registry];
    this.attempts = new Counter({
      name: `${METRIC_PREFIX}notifier_attempts_total`,
      help: 'Attempt outcomes the status notifier read from the attempts topic, by outcome (succeeded or failed)',
      labelNames: ['outcome'],
      registers,
    });
    this.autoDisabled = new Counter({
      name: `${METRIC_PREFIX}subscriptions_auto_disabled_total`,
      help: 'Subscriptions switched to auto_disabled, by reason (failure_threshold or gone)',
      labelNames: ['reason'],
      registers,
    });
    this.recovered = new Counter({
      name: `${METRIC_PREFIX}subscriptions_recovered_total`,
      help: 'First successes after an alarm (auto-disable or dead delivery), each announced as hookline.subscription.recovered',
      registers,
    });
    this.mails = new Counter({
      name: `${METRIC_PREFIX}alert_mails_total`,
      help: 'Alert e-mail sending attempts by result (sent, retry, failed)',
      labelNames: ['result'],
      registers,
    });
    // Read from Postgres when scraped.
    new Gauge({
      name: `${METRIC_PREFIX}subscriptions`,
      help: 'Subscriptions by status (deleted ones excluded)',
      labelNames: ['status'],
      registers,
      async collect() {
        const rows = await dataSource.query<{ status: string; count: string }[]>(
          `SELECT status, count(*) AS count FROM subscriptions WHERE deleted_at IS NULL GROUP BY status`,
        );
        for (const status of STATUSES) this.set({ status }, Number(rows.find((row) => row.status === status)?.count ?? 0));
      },
    });
  }
}
