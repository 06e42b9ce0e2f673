import type { EventMessage } from '@hookline/contracts';
import type { ConsumedMessage } from '@hookline/messaging';
import { idempotencyKeyOf, planEventRows } from './event-rows';

const tenantId = 'ten_01KAW2Z3B4C5D6E7F8G9H0JKMN';

function message(offset: number, value: Partial<EventMessage> = {}): ConsumedMessage<EventMessage> {
  return {
    topic: 'hookline.events.v1',
    partition: 3,
    offset: String(offset),
    key: tenantId,
    headers: {},
    timestamp: '0',
    value: { tenantId, type: 'order.created', data: { n: offset }, ...value },
  };
}

describe('planEventRows', () => {
  const now = new Date('2026-11-23T10:00:00.000Z');
  let counter = 0;
  const nextId = () => `evt_${++counter}`;

  it('keys events without an id by their Kafka coordinates', () => {
    expect(idempotencyKeyOf(message(42))).toBe('kafka:hookline.events.v1:3:42');
    expect(idempotencyKeyOf(message(42, { id: 'order-7' }))).toBe('order-7');
  });

  it('drops repeats of an idempotency key inside one batch, keeping the first', () => {
    const rows = planEventRows(
      [message(1, { id: 'a' }), message(2, { id: 'a', data: { other: true } }), message(3)],
      now,
      nextId,
    );
    expect(rows.map((row) => row.idempotencyKey)).toEqual(['a', 'kafka:hookline.events.v1:3:3']);
    expect(rows[0]?.data).toEqual({ n: 1 });
  });

  it('uses occurredAt when given and the receive time otherwise', () => {
    const [given, missing] = planEventRows(
      [message(1, { occurredAt: '2026-01-01T00:00:00Z' }), message(2)],
      now,
      nextId,
    );
    expect(given?.occurredAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(missing?.occurredAt).toBe(now);
  });
});
