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

/**
 * Events about deliveries of operational events are never emitted: an alert subscription that is
 * itself failing must not feed on its own failures.
 */
export function emitsOperationalEvents(eventType: string): boolean {
  return !isReservedEventType(eventType);
}
