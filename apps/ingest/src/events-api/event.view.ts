import { z } from 'zod';
import { IsoTime, ProblemSchema } from '@hookline/http-api';
import { DeliveryStatusSchema } from '@hookline/contracts';
import { EventInput } from './event.input';

export const AcceptedEventView = z.object({
  id: z.string().meta({ example: 'evt_01KAW2Z3B4C5D6E7F8G9H0JKMN' }),
  type: z.string().meta({ example: 'order.created' }),
  receivedAt: IsoTime,
  duplicate: z.boolean().meta({ description: 'True when this id was accepted before (within 24 h): no new deliveries' }),
});
export type AcceptedEventView = z.infer<typeof AcceptedEventView>;

export const BatchResultView = z.union([AcceptedEventView.extend({ index: z.number().int() }), z.object({ index: z.number().int(), error: ProblemSchema })]);
export type BatchResultView = z.infer<typeof BatchResultView>;

export const BatchResultsView = z.object({ results: z.array(BatchResultView).meta({ description: 'One result per event, in the order sent' }) });

/** The documented shape of a batch: what each entry of `events` must be (each is checked on its own). */
export const EventBatchDocument = z.object({ events: z.array(EventInput).min(1).max(1000) });

export const EventView = z.object({
  id: z.string(),
  type: z.string(),
  data: z.unknown(),
  occurredAt: IsoTime,
  receivedAt: IsoTime,
  idempotencyKey: z.string().nullable().meta({ description: 'The `id` or `Idempotency-Key` the producer sent' }),
});
export type EventView = z.infer<typeof EventView>;

export const EventWithDeliveriesView = EventView.extend({
  deliveries: z.array(
    z.object({
      id: z.string(),
      subscriptionId: z.string(),
      status: DeliveryStatusSchema,
      attemptCount: z.number().int(),
      lastStatusCode: z.number().int().nullable(),
    }),
  ),
});
export type EventWithDeliveriesView = z.infer<typeof EventWithDeliveriesView>;

export const eventExample: EventView = {
  id: 'evt_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  type: 'order.created',
  data: { orderId: 'o-1001', total: 42.5, currency: 'EUR' },
  occurredAt: '2026-11-23T12:00:00.000Z',
  receivedAt: '2026-11-23T12:00:00.012Z',
  idempotencyKey: 'order-1001-created',
};
