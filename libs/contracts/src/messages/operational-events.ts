import { z } from 'zod';
import { isReservedEventType } from '../event-types';

/**
 * `data` of the operational events Hookline emits into a tenant's own stream (SPEC §6). Tenants
 * subscribe to them like any type; the shapes are part of the public contract.
 */
export const DeliveryDeadData = z.object({
  deliveryId: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  attemptCount: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deadAt: z.iso.datetime(),
});
export type DeliveryDeadData = z.infer<typeof DeliveryDeadData>;

/** Why Hookline switched a subscription off by itself. */
export const AutoDisableReason = z.enum(['failure_threshold', 'gone']);
export type AutoDisableReason = z.infer<typeof AutoDisableReason>;

/** `hookline.subscription.disabled`: the subscription is now `auto_disabled` and holds its new deliveries. */
export const SubscriptionDisabledData = z.object({
  subscriptionId: z.string(),
  name: z.string(),
  url: z.string(),
  reason: AutoDisableReason,
  /** The same text as the subscription's `disabledReason`. */
  disabledReason: z.string(),
  disabledAt: z.iso.datetime(),
  /** Failed attempts inside the window when it tripped (1 for a 410). */
  failureCount: z.number().int().nonnegative(),
  failureWindowSeconds: z.number().int().positive(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
});
export type SubscriptionDisabledData = z.infer<typeof SubscriptionDisabledData>;

/**
 * `hookline.subscription.recovered`: the first successful attempt after Hookline raised an alarm about
 * the subscription (it auto-disabled it, or one of its deliveries died) — the all-clear for that alarm.
 */
export const SubscriptionRecoveredData = z.object({
  subscriptionId: z.string(),
  name: z.string(),
  url: z.string(),
  /** What the alarm was: `disabled` (auto-disable) or `dead` (a delivery was dead-lettered). */
  after: z.enum(['disabled', 'dead']),
  alarmAt: z.iso.datetime(),
  recoveredAt: z.iso.datetime(),
  statusCode: z.number().int().nullable(),
});
export type SubscriptionRecoveredData = z.infer<typeof SubscriptionRecoveredData>;

/**
 * Events about deliveries of operational events are never emitted: an alert subscription that is
 * itself failing must not feed on its own failures.
 */
export function emitsOperationalEvents(eventType: string): boolean {
  return !isReservedEventType(eventType);
}
