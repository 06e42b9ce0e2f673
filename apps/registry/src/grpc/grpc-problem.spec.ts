import { status } from '@grpc/grpc-js';
import { ProblemError } from '@hookline/http-api';
import { grpcCodeFor, problemTrailer, toGrpcProblem } from './grpc-problem';

describe('grpcCodeFor', () => {
  it.each<[number, status]>([
    [400, status.INVALID_ARGUMENT],
    [401, status.UNAUTHENTICATED],
    [403, status.PERMISSION_DENIED],
    [404, status.NOT_FOUND],
    [409, status.FAILED_PRECONDITION],
    [413, status.RESOURCE_EXHAUSTED],
    [415, status.INVALID_ARGUMENT],
    [422, status.INVALID_ARGUMENT],
    [429, status.RESOURCE_EXHAUSTED],
    [503, status.UNAVAILABLE],
    [418, status.INVALID_ARGUMENT],
    [500, status.INTERNAL],
    [502, status.INTERNAL],
  ])('maps HTTP %i to gRPC code %i', (httpStatus, code) => {
    expect(grpcCodeFor(httpStatus)).toBe(code);
  });

  it('answers ALREADY_EXISTS only for a conflict of a create', () => {
    expect(grpcCodeFor(409, true)).toBe(status.ALREADY_EXISTS);
    expect(grpcCodeFor(404, true)).toBe(status.NOT_FOUND);
  });
});

describe('toGrpcProblem', () => {
  it('names every bad field in the message and keeps the document in the trailer', () => {
    const problem = ProblemError.validation([
      { field: 'url', message: 'is required' },
      { field: 'retrySchedule.3', message: 'must be at most 86400' },
    ]).toDocument();
    const grpc = toGrpcProblem(problem);
    expect(grpc.code).toBe(status.INVALID_ARGUMENT);
    expect(grpc.details).toBe('url: is required; retrySchedule.3: must be at most 86400');
    expect(JSON.parse(grpc.trailer)).toEqual(problem);
  });

  it('adds the field errors to a detail that does not list them', () => {
    const problem = ProblemError.validation([{ field: 'data.sku', message: 'must be string' }], 'data does not match the schema of order.created');
    expect(toGrpcProblem(problem.toDocument()).details).toBe('data does not match the schema of order.created (data.sku: must be string)');
  });

  it('passes the detail of other problems on', () => {
    const grpc = toGrpcProblem(ProblemError.notFound('subscription sub_1').toDocument());
    expect(grpc).toMatchObject({ code: status.NOT_FOUND, details: 'subscription sub_1 not found' });
  });

  it('cuts an overlong message', () => {
    const details = toGrpcProblem(ProblemError.conflict('x'.repeat(5000)).toDocument()).details;
    expect(details).toHaveLength(512);
    expect(details.endsWith('…')).toBe(true);
  });
});

describe('problemTrailer', () => {
  it('is printable ASCII that parses back to the same text', () => {
    const problem = ProblemError.field('authorization', 'must not contain "•" or \n').toDocument();
    const trailer = problemTrailer(problem);
    expect(trailer).toMatch(/^[ -~]*$/);
    expect(JSON.parse(trailer)).toEqual(problem);
  });

  it('leaves out the field errors that do not fit, keeping the first ones', () => {
    const errors = Array.from({ length: 200 }, (_, index) => ({ field: `headers.x-${index}`, message: 'is set by Hookline and cannot be overridden' }));
    const trailer = problemTrailer(ProblemError.validation(errors).toDocument());
    expect(trailer.length).toBeLessThanOrEqual(4096);
    const parsed = JSON.parse(trailer) as { errors: { field: string }[] };
    expect(parsed.errors.length).toBeGreaterThan(10);
    expect(parsed.errors.length).toBeLessThan(200);
    expect(parsed.errors[0]).toEqual(errors[0]);
  });
});
