import { status as GrpcStatus, type StatusObject } from '@grpc/grpc-js';
import type { ArgumentsHost } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { ProblemError } from '@hookline/http-api';
import { AlreadyExistsProblem } from '../already-exists.problem';
import { GrpcProblemFilter } from './grpc-problem.filter';
import { PROBLEM_TRAILER, RETRY_AFTER_TRAILER } from './grpc-problem';

async function statusFor(error: unknown): Promise<StatusObject> {
  const answer = new GrpcProblemFilter().catch(error, {} as ArgumentsHost);
  return firstValueFrom(answer).then(
    () => {
      throw new Error('expected the filter to answer with an error');
    },
    (status: StatusObject) => status,
  );
}

describe('GrpcProblemFilter', () => {
  it('answers a throttled call RESOURCE_EXHAUSTED, with the problem and the seconds to wait as trailers', async () => {
    const status = await statusFor(ProblemError.tooManyRequests('too many failed authentications from this address; try again in 42 s', 42));
    expect(status.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(status.metadata.get(RETRY_AFTER_TRAILER)).toEqual(['42']);
    expect(JSON.parse(String(status.metadata.get(PROBLEM_TRAILER)[0]))).toMatchObject({ status: 429, type: 'urn:hookline:problem:too-many-requests' });
  });

  it('sends no retry-after trailer when the problem names no wait', async () => {
    const status = await statusFor(new AlreadyExistsProblem('event type order.created'));
    expect(status.code).toBe(GrpcStatus.ALREADY_EXISTS);
    expect(status.metadata.get(RETRY_AFTER_TRAILER)).toEqual([]);
  });
});
