import { Webhook } from 'standardwebhooks';
import type { DeliveryMessage } from '@hookline/contracts';
import { generateSecret, parseSecret } from '@hookline/signing';
import { buildWebhookRequest, type DeliveryTarget, type DeliveryUnit } from './webhook-request';

const delivery: DeliveryMessage = {
  deliveryId: 'dlv_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  tenantId: 'ten_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  subscriptionId: 'sub_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  subscriptionRevision: 1,
  eventId: 'evt_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  eventType: 'order.created',
  occurredAt: '2026-11-23T12:00:00.000Z',
  data: { orderId: 'o-1', total: 12.5, note: 'ünïcode ✓' },
  attempt: 1,
  acceptedAt: '2026-11-23T12:00:00.010Z',
};

const single: DeliveryUnit = { batchId: null, items: [delivery] };

describe('buildWebhookRequest', () => {
  const secret = generateSecret();
  const previous = generateSecret();
  const target: DeliveryTarget = {
    id: delivery.subscriptionId,
    url: 'https://example.test/hooks',
    timeoutMs: 5000,
    headers: { 'x-shop': 'north' },
    authorization: 'Bearer abc',
    signingKeys: [parseSecret(secret), parseSecret(previous)],
  };

  it('sends the SPEC body and headers', () => {
    const request = buildWebhookRequest(target, single, 1_763_899_200, 'Hookline/0.1.0', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(JSON.parse(request.body)).toEqual({ id: delivery.eventId, type: 'order.created', timestamp: delivery.occurredAt, data: delivery.data });
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Hookline/0.1.0',
      'webhook-id': delivery.deliveryId,
      'webhook-timestamp': '1763899200',
      authorization: 'Bearer abc',
      'x-shop': 'north',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    expect(request.headers['webhook-signature']?.split(' ')).toHaveLength(2);
  });

  it('is verified by the official Standard Webhooks library with either secret', () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const request = buildWebhookRequest(target, single, nowSeconds, 'Hookline/0.1.0');
    expect(new Webhook(secret).verify(request.body, request.headers)).toEqual(JSON.parse(request.body));
    expect(new Webhook(previous).verify(request.body, request.headers)).toEqual(JSON.parse(request.body));
    expect(() => new Webhook(generateSecret()).verify(request.body, request.headers)).toThrow();
  });

  it('sends a batch as one signed request whose webhook-id is the batch id and whose body repeats exactly', () => {
    const second = { ...delivery, deliveryId: 'dlv_01KAW2Z3B4C5D6E7F8G9H0JKMP', eventId: 'evt_01KAW2Z3B4C5D6E7F8G9H0JKMP', data: { orderId: 'o-2' } };
    const unit: DeliveryUnit = { batchId: 'bat_01KAW2Z3B4C5D6E7F8G9H0JKMN', items: [delivery, second] };
    const nowSeconds = Math.floor(Date.now() / 1000);
    const request = buildWebhookRequest(target, unit, nowSeconds, 'Hookline/0.1.0');
    expect(request.headers['webhook-id']).toBe(unit.batchId);
    const body = new Webhook(secret).verify(request.body, request.headers) as { type: string; timestamp: string; data: unknown[] };
    expect(body.type).toBe('batch');
    expect(Date.parse(body.timestamp)).not.toBeNaN();
    expect(body.data).toEqual([
      { id: delivery.eventId, type: 'order.created', timestamp: delivery.occurredAt, data: delivery.data },
      { id: second.eventId, type: 'order.created', timestamp: second.occurredAt, data: { orderId: 'o-2' } },
    ]);
    expect(buildWebhookRequest(target, unit, nowSeconds + 60, 'Hookline/0.1.0').body).toBe(request.body);
  });
});
