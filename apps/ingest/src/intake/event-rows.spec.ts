import { EventHeaders, isId, type EventMessage } from '@hookline/contracts';
import type { ConsumedMessage } from '@hookline/messaging';
import { eventIdOf, planEventRows } from './event-rows';

const tenantId = 'ten_01KAW2Z3B4C5D6E7F8G9H0JKMN';

function message(offset: number, value: Partial<EventMessage> = {}, headers: Record<string, string> = {}): ConsumedMessage<EventMessage> {
  return {
    topic: 'hookline.events.v1',
    partition: 3,
    offset: String(offset),
    key: tenantId,
    headers: Object.fromEntries(Object.entries(headers).map(([name, text]) => [name, Buffer.from(text)])),
    timestamp: '1763892000000',
    raw: { key: null, value: null, timestamp: '1763892000000', attributes: 0, offset: String(offset), headers: {} },
    value: { tenantId, type: 'order.created', data: { n: offset }, ...value },
  };
}

describe('planEventRows', () => {
  const now = new Date('2026-11-23T10:00:00.000Z');

  it('derives the same event id when Kafka redelivers a message, and keys it by that id', () => {
    const id = eventIdOf(message(42));
    expect(isId(id, 'evt')).toBe(true);
    expect(eventIdOf(message(42))).toBe(id);
    expect(eventIdOf(message(43))).not.toBe(id);
    expect(planEventRows([message(42)], new Date())[0]?.idempotencyKey).toBe(id);
    expect(planEventRows([message(42, { id: 'order-7' })], new Date())[0]?.idempotencyKey).toBe('order-7');
  });

  it('keeps the id and receive time the REST API already answered with', () => {
    const assigned = 'evt_01KAW2Z3B4C5D6E7F8G9H0JKMN';
    const [row] = planEventRows([message(1, {}, { [EventHeaders.eventId]: assigned, [EventHeaders.receivedAt]: '2026-11-23T09:59:59.000Z' })], now);
    expect(row?.id).toBe(assigned);
    expect(row?.receivedAt.toISOString()).toBe('2026-11-23T09:59:59.000Z');
    expect(row?.idempotencyKey).toBe(assigned);
    expect(row?.producerKey).toBe(false);
  });

  it('drops repeats of an idempotency key inside one batch, keeping the first', () => {
    const rows = planEventRows([message(1, { id: 'a' }), message(2, { id: 'a', data: { other: true } }), message(3)], now);
    expect(rows.map((row) => row.idempotencyKey)).toEqual(['a', eventIdOf(message(3))]);
    expect(rows[0]?.data).toEqual({ n: 1 });
    expect(rows[0]?.producerKey).toBe(true);
  });

  it('uses occurredAt when given and the receive time otherwise', () => {
    const [given, missing] = planEventRows([message(1, { occurredAt: '2026-01-01T00:00:00Z' }), message(2)], now);
    expect(given?.occurredAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(missing?.occurredAt).toEqual(now);
  });
});
