import { z } from 'zod';
import { DeliveryStatusSchema } from '@hookline/contracts';
import { IsoTime } from '@hookline/http-api';

export const DeliveryView = z.object({
  id: z.string().meta({ description: 'Also the `webhook-id` the endpoint sees', example: 'dlv_01KAW2Z3B4C5D6E7F8G9H0JKMP' }),
  eventId: z.string(),
  eventType: z.string(),
  subscriptionId: z.string(),
  status: DeliveryStatusSchema,
  attemptCount: z.number().int(),
  nextAttemptAt: IsoTime.nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const AttemptView = z.object({
  id: z.string(),
  number: z.number().int(),
  startedAt: IsoTime,
  durationMs: z.number().int(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable().meta({ description: '`class: message` (timeout, connection_refused, dns, tls, blocked_destination, http_status…)' }),
  responseBody: z.string().nullable().meta({ description: 'The first 4 KiB of the answer' }),
});
export type AttemptView = z.infer<typeof AttemptView>;

export const DeliveryWithAttemptsView = DeliveryView.extend({ attempts: z.array(AttemptView) });
export type DeliveryWithAttemptsView = z.infer<typeof DeliveryWithAttemptsView>;

export const deliveryExample: DeliveryView = {
  id: 'dlv_01KAW2Z3B4C5D6E7F8G9H0JKMP',
  eventId: 'evt_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  eventType: 'order.created',
  subscriptionId: 'sub_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  status: 'retrying',
  attemptCount: 1,
  nextAttemptAt: '2026-11-23T12:00:05.000Z',
  lastStatusCode: 503,
  lastError: 'http_status: HTTP 503',
  createdAt: '2026-11-23T12:00:00.000Z',
  updatedAt: '2026-11-23T12:00:00.300Z',
};

export const deliveryWithAttemptsExample: DeliveryWithAttemptsView = {
  ...deliveryExample,
  attempts: [
    {
      id: 'att_01KAW2Z3B4C5D6E7F8G9H0JKMQ',
      number: 1,
      startedAt: '2026-11-23T12:00:00.100Z',
      durationMs: 184,
      statusCode: 503,
      error: 'http_status: HTTP 503',
      responseBody: 'upstream unavailable',
    },
  ],
};
