import { z } from 'zod';
import { compileEventSchema } from '@hookline/event-schemas';

/** A JSON Schema for an event type's `data`; refused when it does not compile. */
export const JsonSchemaInput = z
  .record(z.string(), z.unknown(), { error: 'must be a JSON Schema object' })
  .superRefine((schema, ctx) => {
    const compiled = compileEventSchema(schema);
    if (!compiled.ok) ctx.addIssue({ code: 'custom', message: `is not a valid JSON Schema: ${compiled.error}` });
  });
