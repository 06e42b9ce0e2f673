import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { Metadata, type StatusObject } from '@grpc/grpc-js';
import { throwError, type Observable } from 'rxjs';
import { ProblemError, toProblem } from '@hookline/http-api';
import { AlreadyExistsProblem } from '../already-exists.problem';
import { PROBLEM_TRAILER, RETRY_AFTER_TRAILER, toGrpcProblem } from './grpc-problem';

/**
 * Every error of an RPC as a gRPC status, from the same problem document REST would answer: the code
 * mapped from its HTTP status, and the document in the `hookline-problem` trailer. Anything unexpected is
 * logged and answered INTERNAL without details.
 */
@Catch()
export class GrpcProblemFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('grpc');

  catch(error: unknown, _host: ArgumentsHost): Observable<never> {
    const problem = toGrpcProblem(toProblem(error, this.logger), error instanceof AlreadyExistsProblem);
    const metadata = new Metadata();
    metadata.set(PROBLEM_TRAILER, problem.trailer);
    // As REST's Retry-After header, so a client can wait out a throttle without parsing the document.
    if (error instanceof ProblemError && error.retryAfterSeconds !== undefined) metadata.set(RETRY_AFTER_TRAILER, String(error.retryAfterSeconds));
    const status: StatusObject = { code: problem.code, details: problem.details, metadata };
    return throwError(() => status);
  }
}
