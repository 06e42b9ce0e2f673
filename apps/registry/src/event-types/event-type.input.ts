import { z } from 'zod';
import { EventTypeName, isReservedEventType } from '@hookline/contracts';
import { ListQuery } from '@hookline/http-api';
import { JsonSchemaInput } from './json-schema.input';

const fields = {
  description: z.string().max(2000, 'must be at most 2000 characters').nullable(),
  schema: JsonSchemaInput.nullable(),
};

/** `POST /v1/event-types` and `CreateEventType`. */
export const CreateEventTypeInput = z
  .object({
    name: EventTypeName.refine((name) => !isReservedEventType(name), 'names under "hookline." are reserved for Hookline'),
    description: fields.description.optional(),
    schema: fields.schema.optional(),
  })
  .strict();
export type CreateEventTypeInput = z.infer<typeof CreateEventTypeInput>;

/** `PATCH /v1/event-types/{name}` and `UpdateEventType`: null clears a field. */
export const UpdateEventTypeInput = z.object(fields).partial().strict();
export type UpdateEventTypeInput = z.infer<typeof UpdateEventTypeInput>;

/** `GET /v1/event-types`: archived types only with `includeArchived=true`. */
export const EventTypeListQuery = ListQuery.extend({
  includeArchived: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});

/** What a list of the catalog takes, whichever API asked. */
export type EventTypeListOptions = ListQuery & { includeArchived: boolean };
