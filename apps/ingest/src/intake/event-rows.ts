import type { EventMessage } from '@hookline/contracts';
import type { ConsumedMessage } from '@hookline/messaging';

export interface EventRow {
  id: string;
  tenantId: string;
  type: string;
  data: unknown;
  occurredAt: Date;
  idempotencyKey: string;
}

/** The producer's id when given, else the message's Kafka coordinates (so a redelivery is recognised). */
export function idempotencyKeyOf(message: ConsumedMessage<EventMessage>): string {
  return message.value.id ?? `kafka:${message.topic}:${message.partition}:${message.offset}`;
}

/** One row per distinct (tenant, idempotency key) of the batch, in arrival order. */
export function planEventRows(
  messages: ConsumedMessage<EventMessage>[],
  now: Date,
  nextId: () => string,
): EventRow[] {
  const seen = new Set<string>();
  const rows: EventRow[] = [];
  for (const message of messages) {
    const idempotencyKey = idempotencyKeyOf(message);
    const dedupeKey = `${message.value.tenantId}\u0000${idempotencyKey}`;
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    rows.push({
      id: nextId(),
      tenantId: message.value.tenantId,
      type: message.value.type,
      data: message.value.data,
      occurredAt: message.value.occurredAt ? new Date(message.value.occurredAt) : now,
      idempotencyKey,
    });
  }
  return rows;
}
