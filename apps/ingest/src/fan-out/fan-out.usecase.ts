import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryMessage, newId, Topics } from '@hookline/contracts';
import { MessageProducer, type OutgoingMessage } from '@hookline/messaging';
import { IngestMetrics } from '../ingest-metrics';
import type { EventRow } from '../intake/event-rows';
import { planDeliveries, type SubscriptionTarget } from './plan-deliveries';

const PRODUCE_CHUNK = 1000;

export interface FanOutResult {
  deliveries: number;
  held: number;
}

/**
 * Creates one delivery per matching subscription and hands the sendable ones to the dispatchers on
 * `hookline.deliveries.v1`, keyed by subscription id. Idempotent per (event, subscription): run again
 * for the same events, it finds the deliveries it made before and re-sends those still pending.
 */
@Injectable()
export class FanOutUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MessageProducer) private readonly producer: MessageProducer,
    @Inject(IngestMetrics) private readonly metrics: IngestMetrics,
  ) {}

  async execute(events: EventRow[], now: Date = new Date()): Promise<FanOutResult> {
    if (events.length === 0) return { deliveries: 0, held: 0 };
    const tenantIds = [...new Set(events.map((event) => event.tenantId))];
    const subscriptions = (
      await this.dataSource.query<{ id: string; tenant_id: string; event_types: string[]; status: SubscriptionTarget['status']; revision: number }[]>(
        `SELECT id, tenant_id, event_types, status, revision FROM subscriptions WHERE tenant_id = ANY($1) AND deleted_at IS NULL`,
        [tenantIds],
      )
    ).map((row) => ({ id: row.id, tenantId: row.tenant_id, eventTypes: row.event_types, status: row.status, revision: row.revision }));
    const planned = planDeliveries(events, subscriptions, () => newId('dlv', now.getTime()));
    if (planned.length === 0) return { deliveries: 0, held: 0 };

    const stored = await this.dataSource.query<{ id: string; event_id: string; subscription_id: string; status: string; inserted: boolean }[]>(
      `INSERT INTO deliveries (id, tenant_id, event_id, event_type, subscription_id, status, attempt_count, created_at, updated_at)
       SELECT id, tenant_id, event_id, event_type, subscription_id, status, 0, $7, $7
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         AS t(id, tenant_id, event_id, event_type, subscription_id, status)
       ON CONFLICT (event_id, subscription_id) DO UPDATE SET event_id = deliveries.event_id
       RETURNING id, event_id, subscription_id, status, (xmax = 0) AS inserted`,
      [
        planned.map((delivery) => delivery.id),
        planned.map((delivery) => delivery.tenantId),
        planned.map((delivery) => delivery.eventId),
        planned.map((delivery) => delivery.eventType),
        planned.map((delivery) => delivery.subscriptionId),
        planned.map((delivery) => delivery.status),
        now,
      ],
    );

    // A batch fanned out again after a crash finds its deliveries (xmax ≠ 0): count only new ones.
    const inserted = stored.filter((row) => row.inserted);
    this.metrics.deliveries('pending', inserted.filter((row) => row.status === 'pending').length);
    this.metrics.deliveries('held', inserted.filter((row) => row.status === 'held').length);
    const eventsById = new Map(events.map((event) => [event.id, event]));
    const revisions = new Map(subscriptions.map((subscription) => [subscription.id, subscription.revision]));
    const messages: OutgoingMessage<DeliveryMessage>[] = [];
    for (const row of stored) {
      const event = eventsById.get(row.event_id);
      if (row.status !== 'pending' || event === undefined) continue;
      messages.push({
        key: row.subscription_id,
        value: {
          deliveryId: row.id,
          tenantId: event.tenantId,
          subscriptionId: row.subscription_id,
          subscriptionRevision: revisions.get(row.subscription_id) ?? 1,
          eventId: event.id,
          eventType: event.type,
          occurredAt: event.occurredAt.toISOString(),
          data: event.data,
          attempt: 1,
          acceptedAt: event.receivedAt.toISOString(),
        },
        ...(event.traceparent === undefined ? {} : { headers: { traceparent: event.traceparent } }),
      });
    }
    for (let start = 0; start < messages.length; start += PRODUCE_CHUNK) {
      await this.producer.send(Topics.deliveries, DeliveryMessage, messages.slice(start, start + PRODUCE_CHUNK));
    }
    return { deliveries: messages.length, held: stored.filter((row) => row.status === 'held').length };
  }
}
