import {
  BuiltInEventTypes,
  EventHeaders,
  EventMessage,
  OPERATIONAL_ORIGIN,
  SubscriptionDisabledData,
  SubscriptionRecoveredData,
  Topics,
} from '@hookline/contracts';
import type { SubscriptionEntity } from '@hookline/persistence';
import type { OutboxEntry } from '@hookline/service-runtime';
import type { Recovery, Trip } from './endpoint-health';

/**
 * `hookline.subscription.disabled` for the tenant's own stream. Its id names the subscription's new
 * revision, so a repeat (after a crash) is de-duplicated by ingest.
 */
export function disabledEvent(subscription: SubscriptionEntity, trip: Trip): OutboxEntry {
  const disabledAt = subscription.disabledAt ?? new Date();
  return operationalEvent(
    subscription,
    BuiltInEventTypes.subscriptionDisabled,
    `${subscription.id}.disabled.${subscription.revision}`,
    disabledAt,
    SubscriptionDisabledData.parse({
      subscriptionId: subscription.id,
      name: subscription.name,
      url: subscription.url,
      reason: trip.reason,
      disabledReason: subscription.disabledReason ?? '',
      disabledAt: disabledAt.toISOString(),
      failureCount: trip.failureCount,
      failureWindowSeconds: subscription.failureWindowSeconds,
      lastStatusCode: trip.statusCode,
      lastError: trip.error,
    }),
  );
}

/** `hookline.subscription.recovered`: one per alarm, named by the alarm's time. */
export function recoveredEvent(subscription: SubscriptionEntity, recovery: Recovery): OutboxEntry {
  return operationalEvent(
    subscription,
    BuiltInEventTypes.subscriptionRecovered,
    `${subscription.id}.recovered.${recovery.alarmAt.getTime()}`,
    recovery.at,
    SubscriptionRecoveredData.parse({
      subscriptionId: subscription.id,
      name: subscription.name,
      url: subscription.url,
      after: recovery.after,
      alarmAt: recovery.alarmAt.toISOString(),
      recoveredAt: recovery.at.toISOString(),
      statusCode: recovery.statusCode,
    }),
  );
}

function operationalEvent(subscription: SubscriptionEntity, type: string, id: string, occurredAt: Date, data: Record<string, unknown>): OutboxEntry {
  const value = EventMessage.parse({ tenantId: subscription.tenantId, type, id, occurredAt: occurredAt.toISOString(), data });
  return { topic: Topics.events, key: subscription.tenantId, value: JSON.stringify(value), headers: { [EventHeaders.origin]: OPERATIONAL_ORIGIN } };
}
