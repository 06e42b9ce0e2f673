import { planDeliveries, type SubscriptionTarget } from './plan-deliveries';

const subscription = (id: string, tenantId: string, eventTypes: string[], status: SubscriptionTarget['status'] = 'enabled'): SubscriptionTarget => ({
  id,
  tenantId,
  eventTypes,
  status,
  revision: 3,
});

describe('planDeliveries', () => {
  let counter = 0;
  const nextId = () => `dlv_${++counter}`;

  it('creates one delivery per matching subscription of the same tenant', () => {
    const planned = planDeliveries(
      [
        { id: 'evt_1', tenantId: 'ten_a', type: 'order.created' },
        { id: 'evt_2', tenantId: 'ten_a', type: 'invoice.paid' },
      ],
      [
        subscription('sub_all', 'ten_a', ['*']),
        subscription('sub_orders', 'ten_a', ['order.*']),
        subscription('sub_invoices', 'ten_a', ['invoice.paid', 'invoice.voided']),
        subscription('sub_other_tenant', 'ten_b', ['*']),
      ],
      nextId,
    );
    expect(planned.map((delivery) => `${delivery.eventId}→${delivery.subscriptionId}`)).toEqual([
      'evt_1→sub_all',
      'evt_1→sub_orders',
      'evt_2→sub_all',
      'evt_2→sub_invoices',
    ]);
    expect(planned[0]).toMatchObject({ eventType: 'order.created', status: 'pending', subscriptionRevision: 3 });
  });

  it('holds deliveries for paused subscriptions instead of dropping them', () => {
    const planned = planDeliveries(
      [{ id: 'evt_1', tenantId: 'ten_a', type: 'order.created' }],
      [subscription('sub_off', 'ten_a', ['*'], 'disabled'), subscription('sub_auto', 'ten_a', ['*'], 'auto_disabled')],
      nextId,
    );
    expect(planned.map((delivery) => delivery.status)).toEqual(['held', 'held']);
  });

  it('plans nothing when no subscription matches', () => {
    expect(planDeliveries([{ id: 'evt_1', tenantId: 'ten_a', type: 'x' }], [subscription('s', 'ten_a', ['y'])], nextId)).toEqual([]);
  });
});
