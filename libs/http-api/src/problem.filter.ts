import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemCode, ProblemError, problemDocument, type ProblemDocument } from './problem';
import { unavailableProblem } from './unavailable-dependency';

const byStatus: Record<number, ProblemCode> = {
  400: ProblemCode.validation,
  401: ProblemCode.unauthorized,
  403: ProblemCode.forbidden,
  404: ProblemCode.notFound,
  409: ProblemCode.conflict,
  413: ProblemCode.payloadTooLarge,
  415: ProblemCode.unsupportedMediaType,
  429: ProblemCode.tooManyRequests,
  503: ProblemCode.unavailable,
};

// Nest re-throws Fastify's body-parsing errors as plain HttpExceptions with Fastify's message.
const MALFORMED_JSON = /not valid JSON|cannot be empty when content-type is set to 'application\/json'/i;

/**
 * Every error as an RFC 9457 document: an unreachable database is a 503; anything unexpected is logged
 * and answered 500 without details.
 */
export function toProblem(error: unknown, logger: Logger): ProblemDocument {
  if (error instanceof ProblemError) return error.toDocument();
  const unavailable = unavailableProblem(error);
  if (unavailable !== undefined) return unavailable.toDocument();
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 400 && MALFORMED_JSON.test(error.message)) return problemDocument(ProblemCode.malformedJson, 400, error.message);
    if (status < 500) return problemDocument(byStatus[status] ?? ProblemCode.validation, status, error.message);
  }
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return problemDocument(ProblemCode.internal, 500, 'an unexpected error occurred; it has been logged');
}

export function sendProblem(reply: FastifyReply, problem: ProblemDocument): void {
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = unavailableProblem(error) ?? error;
    if (problem instanceof ProblemError && problem.retryAfterSeconds !== undefined) void reply.header('retry-after', String(problem.retryAfterSeconds));
    sendProblem(reply, toProblem(problem, this.logger));
  }
}
