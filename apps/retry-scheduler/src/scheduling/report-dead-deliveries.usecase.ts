import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  BuiltInEventTypes,
  DeliveryDeadData,
  emitsOperationalEvents,
  EventHeaders,
  EventMessage,
  OPERATIONAL_ORIGIN,
  Topics,
} from '@hookline/contracts';
import { MessageProducer } from '@hookline/messaging';

interface DeadRow {
  id: string;
  tenant_id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  attempt_count: number;
  last_status_code: number | null;
  last_error: string | null;
  updated_at: Date;
}

/**
 * Announces each dead delivery as a `hookline.delivery.dead` event in its tenant's own stream (SPEC
 * §5–6), produced to `hookline.events.v1` like any event and fanned out to the tenant's subscriptions to
 * that type. A death is marked reported in the transaction that produced it; the event's id is derived
 * from the delivery and its attempt count, so a repeat after a crash is de-duplicated by ingest.
 */
@Injectable()
export class ReportDeadDeliveriesUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MessageProducer) private readonly producer: MessageProducer,
  ) {}

  async execute(limit: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<DeadRow[]>(
        `SELECT id, tenant_id, subscription_id, event_id, event_type, attempt_count, last_status_code, last_error, updated_at
         FROM deliveries WHERE status = 'dead' AND dead_reported_at IS NULL
         ORDER BY updated_at LIMIT $1
         FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const announced = rows.filter((row) => emitsOperationalEvents(row.event_type));
      await this.producer.send(
        Topics.events,
        EventMessage,
        announced.map((row) => ({
          key: row.tenant_id,
          value: {
            tenantId: row.tenant_id,
            type: BuiltInEventTypes.deliveryDead,
            id: `${row.id}.dead.${row.attempt_count}`,
            occurredAt: row.updated_at.toISOString(),
            data: DeliveryDeadData.parse({
              deliveryId: row.id,
              subscriptionId: row.subscription_id,
              eventId: row.event_id,
              eventType: row.event_type,
              attemptCount: row.attempt_count,
              lastStatusCode: row.last_status_code,
              lastError: row.last_error,
              deadAt: row.updated_at.toISOString(),
            }),
          },
          headers: { [EventHeaders.origin]: OPERATIONAL_ORIGIN },
        })),
      );
      await manager.query(`UPDATE deliveries SET dead_reported_at = now() WHERE id = ANY($1)`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }
}
