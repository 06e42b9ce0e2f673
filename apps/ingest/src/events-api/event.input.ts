import { z } from 'zod';
import { EventData, EventTime, EventTypeName } from '@hookline/contracts';

export const IdempotencyKey = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** One event as the REST API takes it (SPEC §4). */
export const EventInput = z
  .object({
    type: EventTypeName,
    data: EventData,
    id: IdempotencyKey.optional(),
    occurredAt: EventTime.optional(),
  })
  .strict();
export type EventInput = z.infer<typeof EventInput>;

export const MAX_BATCH_EVENTS = 1000;

export const EventBatchInput = z
  .object({
    events: z
      .array(z.unknown(), { error: 'must be an array of events' })
      .min(1, 'must contain at least one event')
      .max(MAX_BATCH_EVENTS, `must contain at most ${MAX_BATCH_EVENTS} events`),
  })
  .strict();

export const EventListQuery = z.object({
  type: EventTypeName.optional(),
  since: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time' }).optional(),
  until: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time' }).optional(),
});
