import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { toJsonSchemaDialect } from '@hookline/http-api/testing';

interface DocumentedResponse {
  content?: Record<string, { schema: object }>;
}

/** The parts of a service's published OpenAPI document the specs read. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { responses: Record<string, DocumentedResponse> }>>;
  components: { schemas: Record<string, object> };
}

/** What a service answered, as far as its documentation speaks about it. */
export interface Answer {
  status: number;
  contentType: string;
  /** The raw body; '' when there was none. */
  text: string;
  /** The parsed JSON body; undefined when there was none. */
  body: unknown;
}

// Problems are documented as problem+json, everything else as JSON.
const MEDIA_TYPES = ['application/json', 'application/problem+json'];

export async function fetchDocument(base: string): Promise<{ status: number; contentType: string | null; document: OpenApiDocument }> {
  const response = await fetch(`${base}/openapi.json`);
  return { status: response.status, contentType: response.headers.get('content-type'), document: (await response.json()) as OpenApiDocument };
}

/** Checks answers of the running services against the schemas of their own published document. */
export class DocumentedResponses {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ components: toJsonSchemaDialect(this.document.components) }, 'document');
  }

  /** Why `body` is not what the document gives for `status` of the operation, or null when it is. */
  errors(method: string, path: string, status: number, body: unknown): string | null {
    const where = `${method.toUpperCase()} ${path} ${status}`;
    const response = this.document.paths[path]?.[method]?.responses[String(status)];
    if (response === undefined) return `${where} is not documented`;
    const mediaType = MEDIA_TYPES.find((type) => response.content?.[type] !== undefined);
    if (mediaType === undefined) return body === undefined ? null : `${where} is documented without a body`;
    const validate = this.validator(`${where} ${mediaType}`, response.content?.[mediaType]?.schema ?? {});
    return validate(body) ? null : `${where}: ${this.ajv.errorsText(validate.errors)}`;
  }

  /** Like `errors`, and the content type too: the documented one, or no body where none is documented. */
  answerErrors(method: string, path: string, answer: Answer): string | null {
    const response = this.document.paths[path]?.[method]?.responses[String(answer.status)];
    const documented = Object.keys(response?.content ?? {});
    if (response !== undefined && documented.length === 0 && answer.text !== '') {
      return `${method.toUpperCase()} ${path} ${answer.status} has a body (${answer.contentType}) where none is documented`;
    }
    if (documented.length > 0 && !documented.some((type) => answer.contentType.startsWith(type))) {
      return `${method.toUpperCase()} ${path} ${answer.status} answered ${answer.contentType || 'no content type'}, documented ${documented.join(' or ')}`;
    }
    return this.errors(method, path, answer.status, answer.body);
  }

  private validator(key: string, schema: object): ValidateFunction {
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      const rewritten = JSON.parse(JSON.stringify(toJsonSchemaDialect(schema)).replaceAll('"#/components/', '"document#/components/')) as object;
      validate = this.ajv.compile(rewritten);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}
