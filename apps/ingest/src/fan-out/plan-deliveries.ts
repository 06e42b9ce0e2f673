import { matchesAnyEventType } from '@hookline/contracts';
import type { DeliveryStatus } from '@hookline/persistence';

export interface SubscriptionTarget {
  id: string;
  tenantId: string;
  eventTypes: string[];
  status: 'enabled' | 'disabled' | 'auto_disabled';
  revision: number;
}

export interface FanOutEvent {
  id: string;
  tenantId: string;
  type: string;
}

export interface PlannedDelivery {
  id: string;
  tenantId: string;
  eventId: string;
  eventType: string;
  subscriptionId: string;
  subscriptionRevision: number;
  /** `held` while the subscription is paused; it is sent when the subscription is enabled again. */
  status: Extract<DeliveryStatus, 'pending' | 'held'>;
}

/** One delivery per (event, subscription of the same tenant whose patterns match the event's type). */
export function planDeliveries(
  events: readonly FanOutEvent[],
  subscriptions: readonly SubscriptionTarget[],
  nextId: () => string,
): PlannedDelivery[] {
  const byTenant = new Map<string, SubscriptionTarget[]>();
  for (const subscription of subscriptions) {
    const list = byTenant.get(subscription.tenantId);
    if (list === undefined) byTenant.set(subscription.tenantId, [subscription]);
    else list.push(subscription);
  }
  const planned: PlannedDelivery[] = [];
  for (const event of events) {
    for (const subscription of byTenant.get(event.tenantId) ?? []) {
      if (!matchesAnyEventType(subscription.eventTypes, event.type)) continue;
      planned.push({
        id: nextId(),
        tenantId: event.tenantId,
        eventId: event.id,
        eventType: event.type,
        subscriptionId: subscription.id,
        subscriptionRevision: subscription.revision,
        status: subscription.status === 'enabled' ? 'pending' : 'held',
      });
    }
  }
  return planned;
}
