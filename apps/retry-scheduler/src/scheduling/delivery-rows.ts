import { BatchDeliveryMessage, type DeliveryMessage, type DeliveryTopicMessage } from '@hookline/contracts';

/** A delivery as the scheduler reads it to hand it back to the dispatchers. */
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
  attempt_count: number;
  batch_id: string | null;
}

/** Columns of `deliveries d` joined with its event `e` and subscription `s` that `DeliveryRow` needs. */
export const DELIVERY_ROW_COLUMNS = `d.id, d.tenant_id, d.subscription_id, s.revision AS subscription_revision, d.event_id, d.event_type,
  e.occurred_at, e.received_at, e.data, d.attempt_count, d.batch_id`;

export interface KeyedDeliveryMessage {
  key: string;
  value: DeliveryTopicMessage;
}

/**
 * The messages that send these deliveries again, in the rows' order: one per delivery asking for its
 * next attempt — except that the members of a failed batch go as one batch message (same batch id,
 * same members in the same order) where its first member was, so the batch is retried as a unit.
 */
export function deliveryMessages(rows: readonly DeliveryRow[]): KeyedDeliveryMessage[] {
  const slots: (KeyedDeliveryMessage | DeliveryRow[])[] = [];
  const batches = new Map<string, DeliveryRow[]>();
  for (const row of rows) {
    if (row.batch_id === null) {
      slots.push({ key: row.subscription_id, value: toDeliveryMessage(row) });
      continue;
    }
    const members = batches.get(row.batch_id);
    if (members !== undefined) {
      members.push(row);
      continue;
    }
    const started = [row];
    batches.set(row.batch_id, started);
    slots.push(started);
  }
  return slots.map((slot) => (Array.isArray(slot) ? toBatchMessage(slot) : slot));
}

function toBatchMessage(members: DeliveryRow[]): KeyedDeliveryMessage {
  const first = members[0]!;
  const value: BatchDeliveryMessage = {
    kind: 'batch',
    batchId: first.batch_id!,
    tenantId: first.tenant_id,
    subscriptionId: first.subscription_id,
    subscriptionRevision: first.subscription_revision,
    deliveryIds: members.map((member) => member.id),
    attempt: Math.max(...members.map((member) => member.attempt_count)) + 1,
  };
  return { key: first.subscription_id, value };
}

function toDeliveryMessage(row: DeliveryRow): DeliveryMessage {
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
