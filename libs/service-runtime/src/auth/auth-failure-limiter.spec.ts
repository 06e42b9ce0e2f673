import { AuthFailureLimiter, type AuthFailureLimits } from './auth-failure-limiter';

/** A limiter on a clock the spec moves by hand. */
function limiterAt(limits: AuthFailureLimits) {
  const clock = { now: 1_000_000 };
  const limiter = new AuthFailureLimiter(limits, () => clock.now);
  return { limiter, clock, advance: (ms: number) => (clock.now += ms) };
}

function fail(limiter: AuthFailureLimiter, client: string, times: number): void {
  for (let n = 0; n < times; n += 1) limiter.recordFailure(client);
}

describe('AuthFailureLimiter', () => {
  it('lets a client fail `limit` times, then refuses it until the window that opened at its first failure closes', () => {
    const { limiter, advance } = limiterAt({ limit: 3, windowSeconds: 60 });
    fail(limiter, '10.0.0.1', 2);
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
    advance(20_000);
    fail(limiter, '10.0.0.1', 1);
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(40);
    advance(39_500);
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(1);
    advance(500);
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
  });

  it('counts each client on its own', () => {
    const { limiter } = limiterAt({ limit: 2, windowSeconds: 60 });
    fail(limiter, '10.0.0.1', 2);
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(60);
    expect(limiter.retryAfterSeconds('10.0.0.2')).toBe(0);
  });

  it('starts a fresh window after one closes, so old failures no longer count', () => {
    const { limiter, advance } = limiterAt({ limit: 3, windowSeconds: 10 });
    fail(limiter, 'client', 2);
    advance(10_000);
    fail(limiter, 'client', 2);
    expect(limiter.retryAfterSeconds('client')).toBe(0);
    fail(limiter, 'client', 1);
    expect(limiter.retryAfterSeconds('client')).toBe(10);
  });

  it('never rounds a refusal down to 0 seconds', () => {
    const { limiter, advance } = limiterAt({ limit: 1, windowSeconds: 5 });
    fail(limiter, 'client', 1);
    advance(4_999);
    expect(limiter.retryAfterSeconds('client')).toBe(1);
  });

  it('does nothing with a limit of 0', () => {
    const { limiter } = limiterAt({ limit: 0, windowSeconds: 60 });
    fail(limiter, 'client', 1000);
    expect(limiter.retryAfterSeconds('client')).toBe(0);
    expect(limiter.trackedClients).toBe(0);
  });

  it('forgets closed windows as new clients fail', () => {
    const { limiter, advance } = limiterAt({ limit: 5, windowSeconds: 60 });
    for (let n = 0; n < 100; n += 1) limiter.recordFailure(`10.0.0.${n}`);
    advance(60_000);
    limiter.recordFailure('10.0.1.1');
    expect(limiter.trackedClients).toBe(1);
  });

  it('tracks at most `maxClients`, dropping the oldest window when full', () => {
    const { limiter, advance } = limiterAt({ limit: 2, windowSeconds: 60, maxClients: 3 });
    fail(limiter, 'first', 2);
    for (const client of ['second', 'third', 'fourth', 'fifth']) {
      advance(1_000);
      fail(limiter, client, 2);
    }
    expect(limiter.trackedClients).toBe(3);
    expect(limiter.retryAfterSeconds('first')).toBe(0);
    expect(limiter.retryAfterSeconds('second')).toBe(0);
    expect(limiter.retryAfterSeconds('third')).toBeGreaterThan(0);
    expect(limiter.retryAfterSeconds('fifth')).toBe(60);
  });

  it('stays bounded under a flood of distinct clients', () => {
    const { limiter, advance } = limiterAt({ limit: 20, windowSeconds: 60, maxClients: 1_000 });
    for (let n = 0; n < 50_000; n += 1) {
      limiter.recordFailure(`client-${n}`);
      if (n % 1_000 === 0) advance(1);
    }
    expect(limiter.trackedClients).toBe(1_000);
  });
});
