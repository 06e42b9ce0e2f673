/** The parts of an OpenAPI 3.0 document that requests are generated from: what our services publish. */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export const HTTP_METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

/** A JSON Schema in the OpenAPI 3.0 dialect (`nullable`, boolean exclusive bounds), as far as it is read. */
export interface JsonSchema {
  $ref?: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';
  nullable?: boolean;
  enum?: readonly unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  multipleOf?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
  allOf?: readonly JsonSchema[];
  description?: string;
  default?: unknown;
  example?: unknown;
}

export interface ApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface ApiMediaType {
  schema?: JsonSchema;
}

export interface ApiOperationObject {
  operationId?: string;
  summary?: string;
  parameters?: readonly (ApiParameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, ApiMediaType> };
  responses?: Record<string, { description?: string; content?: Record<string, ApiMediaType> }>;
  security?: readonly Record<string, readonly string[]>[];
}

export interface ApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema>; parameters?: Record<string, ApiParameter> };
}

/** One operation with its parameters and body resolved: what a request to it is generated from. */
export interface ApiOperation {
  method: HttpMethod;
  /** The path template, `/v1/subscriptions/{id}`. */
  path: string;
  /** `POST /v1/subscriptions/{id}/test`, for reports. */
  key: string;
  definition: ApiOperationObject;
  parameters: ApiParameter[];
  body: { schema: JsonSchema; required: boolean } | null;
  /** The security schemes it takes (`apiKey`, `adminToken`); empty when public. */
  security: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks that a value (a fetched `/openapi.json`, a built document) is an OpenAPI 3.0 document with paths. */
export function asApiDocument(value: unknown): ApiDocument {
  if (!isRecord(value) || typeof value.openapi !== 'string' || !value.openapi.startsWith('3.') || !isRecord(value.paths)) {
    throw new Error('not an OpenAPI 3 document with paths');
  }
  return value as unknown as ApiDocument;
}

const COMPONENT_REF = /^#\/components\/(schemas|parameters)\/([^/]+)$/;

function component<T>(document: ApiDocument, ref: string): T {
  const match = COMPONENT_REF.exec(ref);
  const found = match === null ? undefined : document.components?.[match[1] as 'schemas' | 'parameters']?.[decodeURIComponent(match[2] ?? '')];
  if (found === undefined) throw new Error(`cannot resolve ${ref}: only #/components/schemas/… and #/components/parameters/… are supported`);
  return found as T;
}

// Deep enough for any chain of aliases; a cycle of bare $refs would otherwise never end.
const MAX_REF_HOPS = 32;

/** The schema a `$ref` (or a chain of them) points to; other schemas as they are. */
export function resolveSchema(document: ApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref !== undefined; hops++) {
    if (hops >= MAX_REF_HOPS) throw new Error(`$ref chain longer than ${MAX_REF_HOPS} at ${schema.$ref}`);
    current = component<JsonSchema>(document, current.$ref);
  }
  return current;
}

function resolveParameter(document: ApiDocument, parameter: ApiParameter | { $ref: string }): ApiParameter {
  return '$ref' in parameter ? component<ApiParameter>(document, parameter.$ref) : parameter;
}

/** Every operation of the document, path-level parameters merged in (an operation's own win by name and place). */
export function apiOperations(document: ApiDocument): ApiOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) => {
    const shared = ((item.parameters ?? []) as (ApiParameter | { $ref: string })[]).map((parameter) => resolveParameter(document, parameter));
    return HTTP_METHODS.flatMap((method) => {
      const definition = item[method] as ApiOperationObject | undefined;
      if (definition === undefined) return [];
      const own = (definition.parameters ?? []).map((parameter) => resolveParameter(document, parameter));
      const parameters = [...shared.filter((base) => !own.some((mine) => mine.name === base.name && mine.in === base.in)), ...own];
      const schema = definition.requestBody?.content?.['application/json']?.schema;
      return [
        {
          method,
          path,
          key: `${method.toUpperCase()} ${path}`,
          definition,
          parameters,
          body: schema === undefined ? null : { schema, required: definition.requestBody?.required ?? false },
          security: (definition.security ?? []).flatMap((requirement) => Object.keys(requirement)),
        },
      ];
    });
  });
}
