import { decideOutcome } from './decide-outcome';

const at = new Date('2026-11-23T12:00:00.000Z');
const middle = () => 0.5;

describe('decideOutcome', () => {
  it('succeeds on 2xx', () => {
    expect(decideOutcome({ ok: true, statusCode: 204, retryAfterSeconds: null }, 1, [5], at, middle)).toEqual({ deliveryStatus: 'succeeded', nextAttemptAt: null });
  });

  it('retries failures on the schedule and is dead once it is used up', () => {
    const failed = { ok: false, statusCode: 500, retryAfterSeconds: null };
    expect(decideOutcome(failed, 1, [5, 30], at, middle)).toEqual({ deliveryStatus: 'retrying', nextAttemptAt: new Date(at.getTime() + 5000) });
    expect(decideOutcome(failed, 2, [5, 30], at, middle).nextAttemptAt).toEqual(new Date(at.getTime() + 30000));
    expect(decideOutcome(failed, 3, [5, 30], at, middle)).toEqual({ deliveryStatus: 'dead', nextAttemptAt: null });
  });

  it('treats redirects and network errors as failures', () => {
    expect(decideOutcome({ ok: false, statusCode: 301, retryAfterSeconds: null }, 1, [5], at, middle).deliveryStatus).toBe('retrying');
    expect(decideOutcome({ ok: false, statusCode: null, retryAfterSeconds: null }, 1, [5], at, middle).deliveryStatus).toBe('retrying');
  });

  it('honours Retry-After only on 429 and 503', () => {
    expect(decideOutcome({ ok: false, statusCode: 429, retryAfterSeconds: 120 }, 1, [5], at, middle).nextAttemptAt).toEqual(new Date(at.getTime() + 120_000));
    expect(decideOutcome({ ok: false, statusCode: 503, retryAfterSeconds: 120 }, 1, [5], at, middle).nextAttemptAt).toEqual(new Date(at.getTime() + 120_000));
    expect(decideOutcome({ ok: false, statusCode: 500, retryAfterSeconds: 120 }, 1, [5], at, middle).nextAttemptAt).toEqual(new Date(at.getTime() + 5000));
  });
});
