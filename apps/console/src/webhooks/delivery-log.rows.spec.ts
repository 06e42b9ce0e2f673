import type { Delivery, DeliveryWithAttempts } from '@hookline/sdk/client';
import { canRetryNow, deliveryRowOf, deliveryVersion, replaceDelivery, shortId } from './delivery-log.rows';

const delivery = (overrides: Partial<Delivery> = {}): Delivery => ({
  id: 'dlv_1',
  eventId: 'evt_1',
  eventType: 'order.created',
  subscriptionId: 'sub_1',
  status: 'dead',
  attemptCount: 10,
  nextAttemptAt: null,
  lastStatusCode: 500,
  lastError: 'http_status: 500',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
  ...overrides,
});

describe('delivery log rows', () => {
  it('offers "retry now" only for the statuses the API accepts', () => {
    expect(canRetryNow('dead')).toBe(true);
    expect(canRetryNow('retrying')).toBe(true);
    expect(canRetryNow('succeeded')).toBe(true);
    expect(canRetryNow('pending')).toBe(false);
    expect(canRetryNow('held')).toBe(false);
    expect(canRetryNow('cancelled')).toBe(false);
  });

  it('shortens long ids but keeps their prefix', () => {
    expect(shortId('dlv_01JDW5Q0N8XK3M7V2B9C4T6RZA')).toBe('dlv_…9C4T6RZA');
    expect(shortId('dlv_01JDW5Q0N8XK3M7V2B9C4T6RZA', 6)).toBe('dlv_…4T6RZA');
    expect(shortId('dlv_123')).toBe('dlv_123');
    expect(shortId('noprefix0123456789')).toBe('…23456789');
  });

  it('replaces a retried delivery where it stands, without its attempts', () => {
    const rows = [delivery({ id: 'dlv_1' }), delivery({ id: 'dlv_2' }), delivery({ id: 'dlv_3' })];
    const retried: DeliveryWithAttempts = { ...delivery({ id: 'dlv_2', status: 'pending' }), attempts: [] };
    const replaced = replaceDelivery(rows, retried);
    expect(replaced.map((row) => [row.id, row.status])).toEqual([
      ['dlv_1', 'dead'],
      ['dlv_2', 'pending'],
      ['dlv_3', 'dead'],
    ]);
    expect(replaced[1]).not.toHaveProperty('attempts');
    expect(deliveryRowOf(rows[0]!)).toBe(rows[0]);
  });

  it('changes version when an attempt or status changes', () => {
    const before = delivery({ status: 'retrying', attemptCount: 2 });
    expect(deliveryVersion(before)).toBe(deliveryVersion({ ...before }));
    expect(deliveryVersion(before)).not.toBe(deliveryVersion({ ...before, attemptCount: 3 }));
    expect(deliveryVersion(before)).not.toBe(deliveryVersion({ ...before, status: 'succeeded' }));
  });
});
