import { z } from 'zod';
import { DeliveryStatusSchema } from '@hookline/contracts';
import { ListQuery } from '@hookline/http-api';

/** `GET /v1/deliveries` and `ListDeliveries`: every filter is optional. */
export const DeliveryListQuery = ListQuery.extend({
  subscriptionId: z.string().max(64).optional(),
  eventId: z.string().max(64).optional(),
  status: DeliveryStatusSchema.optional(),
  since: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time' }).optional(),
  until: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time' }).optional(),
});
export type DeliveryListQuery = z.infer<typeof DeliveryListQuery>;
