import { schemaErrorField, type SchemaError } from '@hookline/event-schemas';

/** Problem codes of the HTTP APIs; each becomes the `type` of an RFC 9457 problem document. */
export const ProblemCode = {
  validation: 'validation',
  malformedJson: 'malformed-json',
  malformedRequest: 'malformed-request',
  headersTooLarge: 'headers-too-large',
  requestTimeout: 'request-timeout',
  payloadTooLarge: 'payload-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not-found',
  conflict: 'conflict',
  unknownEventType: 'unknown-event-type',
  tooManyRequests: 'too-many-requests',
  unavailable: 'unavailable',
  internal: 'internal',
} as const;
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

export interface FieldError {
  /** Where the bad value is: `url`, `retrySchedule.3`, `query.limit`, `header.idempotency-key`. */
  field: string;
  message: string;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

const titles: Record<ProblemCode, string> = {
  validation: 'The request is not valid',
  'malformed-json': 'The body is not valid JSON',
  'malformed-request': 'The request is not valid HTTP/1.1',
  'headers-too-large': 'The request line and headers are too large',
  'request-timeout': 'The request did not arrive in time',
  'payload-too-large': 'The body is too large',
  'unsupported-media-type': 'The body must be application/json',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  conflict: 'Conflict',
  'unknown-event-type': 'Unknown event type',
  'too-many-requests': 'Too many requests',
  unavailable: 'Temporarily unavailable',
  internal: 'Internal error',
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An error that the HTTP layer turns into an `application/problem+json` answer. */
export class ProblemError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly status: number,
    detail: string,
    readonly errors?: FieldError[],
    /** Sent as `Retry-After` (seconds); not part of the document. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'ProblemError';
  }

  toDocument(): ProblemDocument {
    return problemDocument(this.code, this.status, this.message, this.errors);
  }

  static validation(errors: FieldError[], detail?: string): ProblemError {
    const summary = errors.map((error) => `${error.field}: ${error.message}`).join('; ');
    return new ProblemError(ProblemCode.validation, 422, detail ?? summary, errors);
  }

  static field(field: string, message: string, status = 422): ProblemError {
    return new ProblemError(ProblemCode.validation, status, `${field}: ${message}`, [{ field, message }]);
  }

  static notFound(what: string): ProblemError {
    return new ProblemError(ProblemCode.notFound, 404, `${what} not found`);
  }

  static unauthorized(detail = 'send Authorization: Bearer <token>'): ProblemError {
    return new ProblemError(ProblemCode.unauthorized, 401, detail);
  }

  static conflict(detail: string): ProblemError {
    return new ProblemError(ProblemCode.conflict, 409, detail);
  }

  static tooManyRequests(detail: string, retryAfterSeconds?: number): ProblemError {
    return new ProblemError(ProblemCode.tooManyRequests, 429, detail, undefined, retryAfterSeconds);
  }

  static unavailable(detail: string, retryAfterSeconds?: number): ProblemError {
    return new ProblemError(ProblemCode.unavailable, 503, detail, undefined, retryAfterSeconds);
  }
}

export function problemDocument(code: ProblemCode, status: number, detail: string, errors?: FieldError[]): ProblemDocument {
  return {
    type: `urn:hookline:problem:${code}`,
    title: titles[code],
    status,
    detail,
    ...(errors === undefined ? {} : { errors }),
  };
}

/** 422 naming each place in `data` that the event type's JSON Schema refused, as ingest and test sends answer. */
export function schemaViolation(type: string, errors: readonly SchemaError[]): ProblemError {
  return ProblemError.validation(
    errors.map((error) => ({ field: schemaErrorField(error), message: error.message })),
    `data does not match the schema of ${type}`,
  );
}
