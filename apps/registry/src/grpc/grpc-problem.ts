import { status as GrpcStatus } from '@grpc/grpc-js';
import type { FieldError, ProblemDocument } from '@hookline/http-api';

/** Trailing metadata entry with the whole problem document as JSON, field errors included. */
export const PROBLEM_TRAILER = 'hookline-problem';

/** Trailing metadata entry with the seconds to wait before retrying, when the problem says. */
export const RETRY_AFTER_TRAILER = 'retry-after';

// Other stacks refuse metadata above 8 KiB; the status message and the trailer stay well below it.
const MAX_DETAILS_LENGTH = 512;
const MAX_TRAILER_LENGTH = 4096;

/** A problem as a gRPC status: the code, a message naming the bad fields, and the JSON trailer. */
export interface GrpcProblem {
  code: GrpcStatus;
  details: string;
  trailer: string;
}

const byHttpStatus: Record<number, GrpcStatus> = {
  400: GrpcStatus.INVALID_ARGUMENT,
  401: GrpcStatus.UNAUTHENTICATED,
  403: GrpcStatus.PERMISSION_DENIED,
  404: GrpcStatus.NOT_FOUND,
  409: GrpcStatus.FAILED_PRECONDITION,
  // What gRPC itself answers to a message above the size limit.
  413: GrpcStatus.RESOURCE_EXHAUSTED,
  415: GrpcStatus.INVALID_ARGUMENT,
  422: GrpcStatus.INVALID_ARGUMENT,
  429: GrpcStatus.RESOURCE_EXHAUSTED,
  503: GrpcStatus.UNAVAILABLE,
};

/**
 * The gRPC code for an HTTP status of the REST API. A conflict is FAILED_PRECONDITION (the state must
 * change first), or ALREADY_EXISTS when a create collided with a resource of the same name.
 */
export function grpcCodeFor(httpStatus: number, alreadyExists = false): GrpcStatus {
  if (httpStatus === 409 && alreadyExists) return GrpcStatus.ALREADY_EXISTS;
  const known = byHttpStatus[httpStatus];
  if (known !== undefined) return known;
  return httpStatus >= 400 && httpStatus < 500 ? GrpcStatus.INVALID_ARGUMENT : GrpcStatus.INTERNAL;
}

/** The same problem document REST would answer, as a gRPC status with the document in a trailer. */
export function toGrpcProblem(problem: ProblemDocument, alreadyExists = false): GrpcProblem {
  return {
    code: grpcCodeFor(problem.status, alreadyExists),
    details: truncate(describe(problem), MAX_DETAILS_LENGTH),
    trailer: problemTrailer(problem),
  };
}

/** The detail, followed by every field error unless the detail already lists them. */
function describe(problem: ProblemDocument): string {
  const errors = problem.errors ?? [];
  if (errors.length === 0) return problem.detail;
  const summary = errors.map((error) => `${error.field}: ${error.message}`).join('; ');
  return problem.detail.includes(summary) ? problem.detail : `${problem.detail} (${summary})`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The problem as JSON in printable ASCII (what text metadata allows: other characters are escaped as
 * `\uXXXX`, still valid JSON). Field errors that would push it over the size budget are left out; the
 * status message still names the first of them.
 */
export function problemTrailer(problem: ProblemDocument): string {
  const document = { ...problem, detail: truncate(problem.detail, MAX_DETAILS_LENGTH) };
  if (problem.errors === undefined) return toAsciiJson(document);
  let length = toAsciiJson({ ...document, errors: [] }).length;
  const kept: FieldError[] = [];
  for (const error of problem.errors) {
    // Each entry adds its JSON and a separating comma.
    length += toAsciiJson(error).length + 1;
    if (length > MAX_TRAILER_LENGTH) break;
    kept.push(error);
  }
  return toAsciiJson({ ...document, errors: kept });
}

function toAsciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
