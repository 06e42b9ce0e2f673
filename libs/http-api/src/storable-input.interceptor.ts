import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { jsonValueProblem } from '@hookline/contracts';
import { ProblemError } from './problem';

// Bodies of the APIs nest a few levels; event data may nest 64 levels inside them.
const MAX_BODY_DEPTH = 80;

/**
 * Refuses, before any handler runs, input that Postgres cannot store or that is too deep to handle
 * safely: U+0000 anywhere in the body, the query or the path, and bodies nested absurdly deep. Such
 * input gets a 4xx naming where it is, never a 500 from the database.
 */
@Injectable()
export class StorableInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') check(context.switchToHttp().getRequest<FastifyRequest>());
    return next.handle();
  }
}

function check(request: FastifyRequest): void {
  const params = (request.params ?? {}) as Record<string, unknown>;
  if (jsonValueProblem(params) !== null) throw ProblemError.notFound('the resource');
  const query = jsonValueProblem(request.query ?? {});
  if (query !== null) throw ProblemError.field(['query', ...query.path].join('.'), query.message);
  const body = jsonValueProblem(request.body ?? null, MAX_BODY_DEPTH);
  if (body !== null) throw ProblemError.field(body.path.length === 0 ? 'body' : body.path.join('.'), body.message);
}
