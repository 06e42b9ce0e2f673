import type { DeliveryMessage } from '@hookline/contracts';

/** A delivery read back from Postgres with its event, to be sent again. */
export interface DeliveryRow {
  id: string;
  tenant_id: string;
  subscription_id: string;
  subscription_revision: number;
  event_id: string;
  event_type: string;
  occurred_at: Date;
  received_at: Date;
  data: unknown;
  status: string;
  attempt_count: number;
  batch_id: string | null;
  /** The event's trace context, sent as the message's `traceparent` header. */
  traceparent: string | null;
}

/** The `DeliveryRow` columns of `deliveries d` joined with its event `e` and subscription `s`. */
export const DELIVERY_ROW_COLUMNS = `d.id, d.tenant_id, d.subscription_id, s.revision AS subscription_revision, d.event_id, d.event_type,
  e.occurred_at, e.received_at, e.data, d.status, d.attempt_count, d.batch_id, e.traceparent`;

/** `FROM` for `DELIVERY_ROW_COLUMNS`. */
export const DELIVERY_ROW_SOURCE = `deliveries d JOIN subscriptions s ON s.id = d.subscription_id JOIN events e ON e.id = d.event_id`;

/** The delivery message asking for the row's next attempt. */
export function deliveryMessageOf(row: DeliveryRow): DeliveryMessage {
  return {
    deliveryId: row.id,
    tenantId: row.tenant_id,
    subscriptionId: row.subscription_id,
    subscriptionRevision: row.subscription_revision,
    eventId: row.event_id,
    eventType: row.event_type,
    occurredAt: row.occurred_at.toISOString(),
    data: row.data,
    attempt: row.attempt_count + 1,
    acceptedAt: row.received_at.toISOString(),
  };
}
