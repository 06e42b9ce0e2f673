import type { DeliveryRow } from '@hookline/persistence';
import { deliveryMessages } from './delivery-rows';

const row = (id: string, batchId: string | null, attemptCount = 1, traceparent: string | null = null): DeliveryRow => ({
  id: `dlv_${id.padStart(26, '0')}`,
  tenant_id: 'ten_00000000000000000000000000',
  subscription_id: 'sub_00000000000000000000000001',
  subscription_revision: 3,
  event_id: `evt_${id.padStart(26, '0')}`,
  event_type: 'order.created',
  occurred_at: new Date('2026-11-23T10:00:00.000Z'),
  received_at: new Date('2026-11-23T10:00:01.000Z'),
  data: { n: id },
  status: 'retrying',
  attempt_count: attemptCount,
  batch_id: batchId === null ? null : `bat_${batchId.padStart(26, '0')}`,
  traceparent,
});

describe('deliveryMessages', () => {
  it('asks for the next attempt of each single delivery, carrying its event', () => {
    const [message] = deliveryMessages([row('1', null, 2)]);
    expect(message).toEqual({
      key: 'sub_00000000000000000000000001',
      value: expect.objectContaining({ deliveryId: 'dlv_00000000000000000000000001', attempt: 3, data: { n: '1' }, subscriptionRevision: 3 }),
    });
  });

  it('sends the members of a batch as one message, in order, where the first member stood', () => {
    const messages = deliveryMessages([row('1', null), row('2', 'A'), row('3', null), row('4', 'A', 2), row('5', 'B')]);
    expect(messages.map((message) => ('kind' in message.value ? message.value.batchId : message.value.deliveryId))).toEqual([
      'dlv_00000000000000000000000001',
      'bat_0000000000000000000000000A',
      'dlv_00000000000000000000000003',
      'bat_0000000000000000000000000B',
    ]);
    const batch = messages[1]!.value;
    expect(batch).toEqual(
      expect.objectContaining({ deliveryIds: ['dlv_00000000000000000000000002', 'dlv_00000000000000000000000004'], attempt: 3 }),
    );
  });

  it("carries the event's trace context so a retry continues its trace", () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const [single, batch] = deliveryMessages([row('1', null, 1, traceparent), row('2', 'A', 1, traceparent), row('3', 'A')]);
    expect(single?.headers).toEqual({ traceparent });
    expect(batch?.headers).toEqual({ traceparent });
    expect(deliveryMessages([row('4', null)])[0]).not.toHaveProperty('headers');
  });
});
