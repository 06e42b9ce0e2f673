import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ApiDocument, ApiOperation, ApiParameter, JsonSchema } from './api-document';
import type { RequestParts } from './request-arbitrary';

type Json = Record<string, unknown>;

function parametersSchema(parameters: ApiParameter[]): Json {
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema ?? {}])),
    required: parameters.filter((parameter) => parameter.in === 'path' || parameter.required === true).map((parameter) => parameter.name),
  };
}

/**
 * The OpenAPI 3.0 dialect in the one ajv reads: 3.0 writes an exclusive bound as a boolean beside
 * `minimum`/`maximum`, later JSON Schema as the bound itself.
 */
export function toJsonSchemaDialect(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchemaDialect);
  if (node === null || typeof node !== 'object') return node;
  const schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, toJsonSchemaDialect(value)]));
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof schema[flag] !== 'boolean') continue;
    if (schema[flag] === true && typeof schema[bound] === 'number') {
      schema[flag] = schema[bound];
      delete schema[bound];
    } else {
      delete schema[flag];
    }
  }
  return schema;
}

/** One JSON Schema for everything an operation takes: `{path, query, headers, body}` as in RequestParts. */
export function requestSchema(operation: ApiOperation): Json {
  const of = (location: ApiParameter['in']) => parametersSchema(operation.parameters.filter((parameter) => parameter.in === location));
  const properties: Record<string, Json | JsonSchema> = { path: of('path'), query: of('query'), headers: of('header') };
  if (operation.body !== null) properties.body = operation.body.schema;
  return {
    type: 'object',
    properties,
    required: ['path', 'query', 'headers', ...(operation.body?.required === true ? ['body'] : [])],
    additionalProperties: false,
  };
}

/**
 * Checks requests against what the document says an operation takes, with ajv as the e2e specs check
 * answers: the document's components are registered once and `#/components/…` points into them.
 */
export class RequestSchemas {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(document: ApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ components: toJsonSchemaDialect(document.components ?? {}) }, 'document');
  }

  /** Why the parts break the operation's request schema, or null when they satisfy it. */
  errors(operation: ApiOperation, parts: RequestParts): string | null {
    let validate = this.compiled.get(operation.key);
    if (validate === undefined) {
      const schema = JSON.parse(JSON.stringify(toJsonSchemaDialect(requestSchema(operation))).replaceAll('"#/components/', '"document#/components/')) as Json;
      validate = this.ajv.compile(schema);
      this.compiled.set(operation.key, validate);
    }
    // What the server parses: the JSON text of the parts, not the objects that produced it.
    const sent: unknown = JSON.parse(JSON.stringify(parts));
    return validate(sent) ? null : this.ajv.errorsText(validate.errors);
  }
}
