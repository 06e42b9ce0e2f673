import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, tap, throwError, type Observable } from 'rxjs';
import { ProblemError } from '@hookline/http-api';
import { IngestMetrics } from '../ingest-metrics';

const PROBLEM_TYPE_PREFIX = 'urn:hookline:problem:';

/**
 * Counts the events the publish routes refuse: a 4xx answer (other than a bad token) is one refused
 * event, and each error result of a batch is one more, by problem code.
 */
@Injectable()
export class RejectedEventsInterceptor implements NestInterceptor {
  constructor(@Inject(IngestMetrics) private readonly metrics: IngestMetrics) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap((answer) => {
        for (const result of batchResults(answer)) {
          if (result.error !== undefined) this.metrics.eventsRejected('rest', result.error.type.slice(PROBLEM_TYPE_PREFIX.length));
        }
      }),
      catchError((error: unknown) => {
        if (error instanceof ProblemError && error.status >= 400 && error.status < 500 && error.status !== 401) this.metrics.eventsRejected('rest', error.code);
        return throwError(() => error);
      }),
    );
  }
}

/** A batch answer's entry: an accepted event, or `error` with the problem that refused it. */
type BatchResult = { error?: { type: string } };

function batchResults(answer: unknown): BatchResult[] {
  if (typeof answer !== 'object' || answer === null || !('results' in answer) || !Array.isArray(answer.results)) return [];
  return answer.results as BatchResult[];
}
