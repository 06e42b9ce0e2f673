import type { BatchDeliveryMessage, DeliveryTopicMessage } from '@hookline/contracts';
import { deliveryMessageOf, type DeliveryRow } from '@hookline/persistence';

export interface KeyedDeliveryMessage {
  key: string;
  value: DeliveryTopicMessage;
  /** The event's trace context, so a retry continues the trace the event started. */
  headers?: Record<string, string>;
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
      slots.push({ key: row.subscription_id, value: deliveryMessageOf(row), ...traceHeadersOf(row) });
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
  return { key: first.subscription_id, value, ...traceHeadersOf(first) };
}

function traceHeadersOf(row: DeliveryRow): { headers?: Record<string, string> } {
  return row.traceparent === null ? {} : { headers: { traceparent: row.traceparent } };
}
