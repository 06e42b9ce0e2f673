import { z } from 'zod';
import { IsoTime } from '@hookline/http-api';

export const EventTypeView = z.object({
  name: z.string().meta({ example: 'order.created' }),
  description: z.string().nullable(),
  schema: z.record(z.string(), z.unknown()).nullable().meta({ description: 'JSON Schema that `data` of events of this type must pass' }),
  archived: z.boolean().meta({ description: 'Archived types accept no new events' }),
  archivedAt: IsoTime.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type EventTypeView = z.infer<typeof EventTypeView>;

export const eventTypeExample: EventTypeView = {
  name: 'order.created',
  description: 'A customer placed an order',
  schema: { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string' }, total: { type: 'number' } } },
  archived: false,
  archivedAt: null,
  createdAt: '2026-11-23T12:00:00.000Z',
  updatedAt: '2026-11-23T12:00:00.000Z',
};
