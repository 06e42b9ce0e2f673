import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from '../problem';
import { openApiSchema } from './openapi-schema';

export const PROBLEM_SCHEMA_REF = '#/components/schemas/Problem';

/** Why a route may answer with an error; 401, 429 and 503 are added for every authenticated route. */
const problemDescriptions: Record<number, string> = {
  400: 'Malformed request (not JSON)',
  401: 'Missing or bad token',
  404: 'Not found, or not the caller’s',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'Body is not application/json',
  422: 'Invalid field; `errors[]` names it',
  429: 'Too many at once, or too many failed authentications from this address; wait `Retry-After` seconds when given',
  503: 'A dependency (Kafka or the database) is unavailable; retry, after `Retry-After` seconds when given',
};

export interface ApiRouteSpec {
  summary: string;
  description?: string;
  /** Which token the route takes; omitted for public routes. */
  auth?: 'admin' | 'tenant';
  body?: { schema: z.ZodType; example: unknown; required?: boolean };
  /** Query parameters, one per key of the object schema. */
  query?: z.ZodObject;
  response: { status: number; description: string; schema?: z.ZodType; example?: unknown };
  problems?: number[];
}

/** One decorator per route: summary, auth, request and response schemas with examples, and the problems it can answer. */
export function ApiRoute(spec: ApiRouteSpec): MethodDecorator {
  const decorators: (MethodDecorator | ClassDecorator)[] = [ApiOperation({ summary: spec.summary, description: spec.description })];
  if (spec.auth !== undefined) decorators.push(ApiBearerAuth(spec.auth === 'admin' ? 'adminToken' : 'apiKey'));
  if (spec.body !== undefined) {
    decorators.push(
      ApiBody({
        required: spec.body.required ?? true,
        schema: { ...openApiSchema(spec.body.schema, 'input'), example: spec.body.example },
      }),
    );
  }
  for (const [name, field] of Object.entries(spec.query?.shape ?? {})) {
    const schema = openApiSchema(field as z.ZodType, 'input');
    decorators.push(ApiQuery({ name, required: false, schema, description: typeof schema.description === 'string' ? schema.description : undefined }));
  }
  const { response } = spec;
  decorators.push(
    ApiResponse({
      status: response.status,
      description: response.description,
      ...(response.schema === undefined
        ? {}
        : { content: { 'application/json': { schema: openApiSchema(response.schema, 'output'), example: response.example } } }),
    }),
  );
  // Every authenticated route refuses an address with too many failed authentications (429) and
  // checks its token in the database, which may be unreachable (503).
  const problems = new Set([...(spec.auth === undefined ? [] : [401, 429, 503]), ...(spec.problems ?? [])]);
  for (const status of [...problems].sort()) {
    decorators.push(
      ApiResponse({
        status,
        description: problemDescriptions[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } },
      }),
    );
  }
  return applyDecorators(...decorators);
}
