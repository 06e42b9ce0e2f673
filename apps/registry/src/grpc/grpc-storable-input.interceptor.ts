import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { jsonValueProblem } from '@hookline/contracts';
import { ProblemError } from '@hookline/http-api';

// REST bodies may nest 80 levels; a Struct spends three message levels on each level of JSON.
const MAX_MESSAGE_DEPTH = 3 * 80 + 8;

/**
 * What the REST API refuses before any handler runs, refused here too: U+0000 anywhere in the request
 * (Postgres cannot store it) and messages nested absurdly deep. INVALID_ARGUMENT naming the field, never
 * an INTERNAL from the database.
 */
@Injectable()
export class GrpcStorableInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const problem = jsonValueProblem(context.switchToRpc().getData<unknown>(), MAX_MESSAGE_DEPTH);
    if (problem !== null) throw ProblemError.field(problem.path.length === 0 ? 'request' : problem.path.join('.'), problem.message);
    return next.handle();
  }
}
