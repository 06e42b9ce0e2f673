import { HooklineApiError, HooklineNetworkError, HooklineTimeoutError } from '@hookline/sdk/client';
import { failureKindOf, fieldErrorsOf, fieldErrorsUnder, problemDetailOf } from './problem';

function apiError(status: number, errors: { field: string; message: string }[] = []): HooklineApiError {
  return new HooklineApiError({ type: 'about:blank', title: 'Unprocessable Content', status, detail: 'Check the fields', errors }, 'POST', '/v1/x');
}

describe('problem documents in the console', () => {
  it('indexes field errors by path, keeping the first message of each', () => {
    const error = apiError(422, [
      { field: 'url', message: 'must be https' },
      { field: 'retrySchedule.3', message: 'must be at most 86400' },
      { field: 'url', message: 'second' },
    ]);
    expect(fieldErrorsOf(error)).toEqual({ url: 'must be https', 'retrySchedule.3': 'must be at most 86400' });
    expect(fieldErrorsUnder(fieldErrorsOf(error), 'retrySchedule')).toEqual({ 'retrySchedule.3': 'must be at most 86400' });
    expect(fieldErrorsOf(new Error('x'))).toEqual({});
  });

  it('names what went wrong', () => {
    expect(failureKindOf(apiError(401))).toBe('unauthorized');
    expect(failureKindOf(apiError(404))).toBe('not-found');
    expect(failureKindOf(apiError(429))).toBe('throttled');
    expect(failureKindOf(apiError(503))).toBe('unavailable');
    expect(failureKindOf(apiError(422))).toBe('rejected');
    expect(failureKindOf(new HooklineTimeoutError('GET', '/v1/x', 100))).toBe('timeout');
    expect(failureKindOf(new HooklineNetworkError('refused', 'GET', '/v1/x'))).toBe('network');
    expect(failureKindOf('?')).toBe('unknown');
    expect(problemDetailOf(apiError(409))).toBe('Check the fields');
    expect(problemDetailOf(new Error('x'))).toBeNull();
  });
});
