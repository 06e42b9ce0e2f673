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
  for (const value of Object.values(params)) {
    if (typeof value === 'string' && value.includes('\u0000')) throw ProblemError.notFound('the resource');
  }
  const query = (request.query ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(query)) {
    const problem = jsonValueProblem(value) ?? (name.includes('\u0000') ? 'must not contain the character U+0000' : null);
    if (problem !== null) throw ProblemError.field(`query.${name.replaceAll('\u0000', '')}`, problem);
  }
  if (request.body !== undefined && request.body !== null) {
    const problem = jsonValueProblem(request.body, MAX_BODY_DEPTH);
    if (problem !== null) throw ProblemError.field(locate(request.body) ?? deepestTopLevelField(request.body) ?? 'body', problem);
  }
}

/** The dotted path of the first string or key holding U+0000, for the field error. */
function locate(body: unknown): string | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: body, path: [] }];
  let steps = 0;
  while (stack.length > 0 && steps++ < 100_000) {
    const next = stack.pop();
    if (next === undefined) continue;
    if (typeof next.value === 'string' && next.value.includes('\u0000')) return next.path.join('.') || null;
    if (next.value === null || typeof next.value !== 'object' || next.path.length > MAX_BODY_DEPTH) continue;
    for (const [key, child] of Object.entries(next.value as Record<string, unknown>)) {
      if (key.includes('\u0000')) return [...next.path, key.replaceAll('\u0000', '')].join('.');
      stack.push({ value: child, path: [...next.path, key] });
    }
  }
  return null;
}

/** The top-level field whose value nests too deep. */
function deepestTopLevelField(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null;
  for (const [key, child] of Object.entries(body as Record<string, unknown>)) {
    if (jsonValueProblem(child, MAX_BODY_DEPTH - 1) !== null) return key;
  }
  return null;
}
