import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemCode, ProblemError, problemDocument, type ProblemDocument } from './problem';
import { sendProblem } from './problem.filter';

/** Event type names run to 255 characters; a longer path parameter cannot name anything. */
export const MAX_PATH_PARAMETER_LENGTH = 512;

const UNROUTABLE_PATH_CODES = new Set(['FST_ERR_BAD_URL', 'FST_ERR_MAX_PARAM_LENGTH']);

/**
 * What Fastify refuses while routing, before any handler or filter runs. A path parameter that is not
 * valid percent-encoded UTF-8, or longer than any id or name, names no resource: 404, as a problem.
 */
export function answerRoutingError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const problem = UNROUTABLE_PATH_CODES.has(error.code)
    ? ProblemError.notFound('the resource').toDocument()
    : problemDocument(ProblemCode.malformedRequest, 400, error.message);
  sendProblem(reply, problem);
}

/** A connection-level error as Node reports it: parser errors carry an `HPE_…` code and a `reason`. */
export interface ClientConnectionError extends Error {
  code?: string;
  reason?: string;
}

function clientProblem(error: ClientConnectionError): ProblemDocument {
  if (error.code === 'HPE_HEADER_OVERFLOW') return problemDocument(ProblemCode.headersTooLarge, 431, 'the request line and headers exceed the size the server reads');
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return problemDocument(ProblemCode.requestTimeout, 408, 'the request was not received in time');
  return problemDocument(ProblemCode.malformedRequest, 400, `the request cannot be parsed: ${error.reason ?? error.message}`);
}

/** The raw HTTP/1.1 answer to a request Node's parser refused (malformed, headers too large, too slow). */
export function clientErrorAnswer(error: ClientConnectionError): string {
  const problem = clientProblem(error);
  const body = JSON.stringify(problem);
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Answers what never becomes a request (a control character in a header, a 64 KiB header) with a
 * problem document, as Node would with an empty 400, then drops the connection: its framing is lost.
 */
export function answerClientError(error: ClientConnectionError, socket: Socket): void {
  // A reset or already closed connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) socket.write(clientErrorAnswer(error));
  socket.destroy(error);
}

/** Fastify options of every Hookline HTTP service, so input refused before routing is answered like the rest. */
export const HTTP_SERVER_OPTIONS = {
  routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
  frameworkErrors: answerRoutingError,
  clientErrorHandler: answerClientError,
} satisfies Pick<FastifyServerOptions, 'routerOptions' | 'frameworkErrors' | 'clientErrorHandler'>;
