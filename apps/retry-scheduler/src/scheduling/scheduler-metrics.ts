import { Counter, Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { METRIC_PREFIX, type ServiceMetrics } from '@hookline/observability';

/** The retry scheduler's series: what it moved, and the retry backlog read from Postgres at scrape time. */
export class SchedulerMetrics {
  readonly moved: Counter<'action'>;

  constructor(metrics: ServiceMetrics, dataSource: DataSource) {
    const registers = [metrics.registry];
    this.moved = new Counter({
      name: `${METRIC_PREFIX}scheduler_deliveries_total`,
      help: 'Deliveries the retry scheduler handled: retries published, queued deliveries released, deaths reported, stranded held deliveries queued',
      labelNames: ['action'],
      registers,
    });
    const oldestDue = new Gauge({
      name: `${METRIC_PREFIX}retry_oldest_due_age_seconds`,
      help: 'How long the most overdue retry has been due (0 when none is overdue)',
      registers,
    });
    // The gauges are read from Postgres when scraped.
    new Gauge({
      name: `${METRIC_PREFIX}deliveries_held`,
      help: 'Deliveries held while their subscription is disabled or auto-disabled; sent when it is enabled',
      registers,
      async collect() {
        const [row] = await dataSource.query<{ held: string }[]>(`SELECT count(*) AS held FROM deliveries WHERE status = 'held'`);
        this.set(Number(row?.held ?? 0));
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}retry_backlog`,
      help: 'Deliveries waiting for a retry (status retrying)',
      registers,
      async collect() {
        const [row] = await dataSource.query<{ waiting: string; overdue: number | null }[]>(
          `SELECT count(*) AS waiting, extract(epoch FROM now() - min(next_attempt_at)) AS overdue
           FROM deliveries WHERE status = 'retrying'`,
        );
        this.set(Number(row?.waiting ?? 0));
        oldestDue.set(Math.max(0, Number(row?.overdue ?? 0)));
      },
    });
  }
}
