import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';

type SchemaOrReference = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];
export type SchemaObject = Exclude<SchemaOrReference, { $ref: string }>;

/**
 * The OpenAPI 3.0 schema of a zod schema: the very schema that parses a request body (`input`) or
 * types a presenter (`output`), so the document cannot drift from what the code accepts and returns.
 * Refinements (custom checks) have no JSON Schema form; their messages still reach the caller as 422s.
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });
  return withoutTimePatterns(json) as SchemaObject;
}

// zod spells out RFC 3339 as a long regex next to `format: date-time`; the format says it readably.
function withoutTimePatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutTimePatterns);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([key, value]) => [key, withoutTimePatterns(value)] as const);
  const object = Object.fromEntries(entries) as Record<string, unknown>;
  if (object.format === 'date-time') delete object.pattern;
  return object;
}

/** An RFC 3339 time as the API writes it. */
export const IsoTime = z.string().meta({ format: 'date-time', example: '2026-11-23T12:00:00.000Z' });

/** `{data, nextCursor}`, the shape of every list (SPEC §3). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  });
}

/** RFC 9457 problem document every error answers with. */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ example: 'urn:hookline:problem:validation' }),
    title: z.string().meta({ example: 'The request is not valid' }),
    status: z.number().int().meta({ example: 422 }),
    detail: z.string().meta({ example: 'url: must be an https URL' }),
    errors: z
      .array(z.object({ field: z.string().meta({ example: 'url' }), message: z.string().meta({ example: 'must be an https URL' }) }))
      .optional()
      .meta({ description: 'One entry per bad field' }),
  })
  .meta({ description: 'application/problem+json (RFC 9457)' });
