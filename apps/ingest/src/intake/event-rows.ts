import { derivedId, EventHeaders, isId, type EventMessage } from '@hookline/contracts';
import { headerText, type ConsumedMessage } from '@hookline/messaging';

export interface EventRow {
  id: string;
  tenantId: string;
  type: string;
  data: unknown;
  occurredAt: Date;
  receivedAt: Date;
  idempotencyKey: string;
  /** Whether the producer chose the idempotency key (kept on the event) or Hookline derived it. */
  producerKey: boolean;
  /** Trace context the event came with, carried on to its deliveries. */
  traceparent: string | undefined;
}

/**
 * The event's id: the one the REST API already answered with, else one derived from the message's
 * Kafka coordinates — so a redelivered message maps onto the event its first delivery stored.
 */
export function eventIdOf(message: ConsumedMessage<EventMessage>): string {
  const assigned = headerText(message.headers, EventHeaders.eventId);
  if (assigned !== undefined && isId(assigned, 'evt')) return assigned;
  const time = Number(message.timestamp);
  return derivedId('evt', Number.isFinite(time) && time > 0 ? time : 0, `${message.topic}:${message.partition}:${message.offset}`);
}


function receivedAtOf(message: ConsumedMessage<EventMessage>, now: Date): Date {
  const header = headerText(message.headers, EventHeaders.receivedAt);
  const time = header === undefined ? Number.NaN : Date.parse(header);
  return Number.isFinite(time) ? new Date(time) : now;
}

/** One row per distinct (tenant, idempotency key) of the batch, in arrival order. */
export function planEventRows(messages: ConsumedMessage<EventMessage>[], now: Date): EventRow[] {
  const seen = new Set<string>();
  const rows: EventRow[] = [];
  for (const message of messages) {
    const id = eventIdOf(message);
    // The producer's id when given, else the event id (stable across redeliveries of one message).
    const idempotencyKey = message.value.id ?? id;
    const dedupeKey = `${message.value.tenantId}\u0000${idempotencyKey}`;
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    const receivedAt = receivedAtOf(message, now);
    rows.push({
      id,
      tenantId: message.value.tenantId,
      type: message.value.type,
      data: message.value.data,
      occurredAt: message.value.occurredAt ? new Date(message.value.occurredAt) : receivedAt,
      receivedAt,
      idempotencyKey,
      producerKey: message.value.id !== undefined,
      traceparent: headerText(message.headers, 'traceparent'),
    });
  }
  return rows;
}
