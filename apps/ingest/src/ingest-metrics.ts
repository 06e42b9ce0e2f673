import { Counter } from 'prom-client';
import { isBuiltInEventType } from '@hookline/contracts';
import { METRIC_PREFIX, type ServiceMetrics } from '@hookline/observability';

export type RejectionSource = 'rest' | 'kafka';

/** What ingest took in, refused and fanned out. Every label has a small, fixed set of values. */
export class IngestMetrics {
  private readonly ingested: Counter<'origin'>;
  readonly duplicates: Counter;
  private readonly rejected: Counter<'source' | 'reason'>;
  private readonly deliveriesCreated: Counter<'status'>;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.ingested = new Counter({
      name: `${METRIC_PREFIX}events_ingested_total`,
      help: 'Events stored for fan-out, by origin: producer (REST or Kafka) or operational (Hookline’s own)',
      labelNames: ['origin'],
      registers,
    });
    this.duplicates = new Counter({
      name: `${METRIC_PREFIX}events_duplicates_total`,
      help: 'Events dropped because their idempotency key was seen within 24 h (REST answers with the original id)',
      registers,
    });
    this.rejected = new Counter({
      name: `${METRIC_PREFIX}events_rejected_total`,
      help: 'Events refused, by source (rest: 4xx answer; kafka: sent to the DLQ) and reason',
      labelNames: ['source', 'reason'],
      registers,
    });
    this.deliveriesCreated = new Counter({
      name: `${METRIC_PREFIX}deliveries_created_total`,
      help: 'Deliveries created by fan-out, by status: pending (sent to the dispatchers) or held (subscription paused)',
      labelNames: ['status'],
      registers,
    });
  }

  eventsIngested(types: readonly string[]): void {
    let operational = 0;
    for (const type of types) if (isBuiltInEventType(type)) operational += 1;
    if (types.length > operational) this.ingested.inc({ origin: 'producer' }, types.length - operational);
    if (operational > 0) this.ingested.inc({ origin: 'operational' }, operational);
  }

  /** `reason` is a problem code or DLQ reason: a fixed set, spelled with underscores. */
  eventsRejected(source: RejectionSource, reason: string, count = 1): void {
    this.rejected.inc({ source, reason: reason.replaceAll('-', '_') }, count);
  }

  deliveries(status: 'pending' | 'held', count: number): void {
    if (count > 0) this.deliveriesCreated.inc({ status }, count);
  }
}
