import { nextStartAt, RateLimiter } from './rate-window';

describe('nextStartAt', () => {
  it('lets requests start at once until the window holds `limit` of them', () => {
    expect(nextStartAt([], 3, 1000)).toBe(1000);
    expect(nextStartAt([900, 950], 3, 1000)).toBe(1000);
  });

  it('waits until the oldest of the last `limit` starts leaves the window', () => {
    expect(nextStartAt([100, 400, 900], 3, 1000)).toBe(1100);
    expect(nextStartAt([100, 400, 900], 2, 1000)).toBe(1400);
    expect(nextStartAt([0, 10, 20], 3, 5000)).toBe(5000);
  });
});

describe('RateLimiter', () => {
  function clock() {
    let now = 10_000;
    return {
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
    };
  }

  it('never lets more than `limit` requests start in any one-second window', async () => {
    const time = clock();
    const limiter = new RateLimiter(time.now, time.sleep);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 20 }, () => limiter.acquire('sub_a', 4).then(() => starts.push(time.now()))));
    for (const start of starts) expect(starts.filter((other) => other >= start && other < start + 1000).length).toBeLessThanOrEqual(4);
    expect(starts[19]! - starts[0]!).toBeGreaterThanOrEqual(4000);
  });

  it('keeps subscriptions independent', async () => {
    const time = clock();
    const limiter = new RateLimiter(time.now, time.sleep);
    await limiter.acquire('sub_a', 1);
    const before = time.now();
    await limiter.acquire('sub_b', 1);
    expect(time.now()).toBe(before);
  });

  it('makes a new owner wait out the second after a rebalance', async () => {
    const time = clock();
    const limiter = new RateLimiter(time.now, time.sleep);
    limiter.rebalanced();
    const at = time.now();
    await limiter.acquire('sub_a', 5);
    expect(time.now()).toBe(at + 1000);
  });

  it('makes requests already waiting on this dispatcher wait out the second after a rebalance too', async () => {
    const time = clock();
    let sleeping: (() => void) | undefined;
    const limiter = new RateLimiter(time.now, (ms) => {
      time.sleep(ms).catch(() => undefined);
      return new Promise<void>((resolve) => {
        sleeping = resolve;
      });
    });
    await limiter.acquire('sub_a', 1);
    const waiting = limiter.acquire('sub_a', 1);
    await Promise.resolve();
    limiter.rebalanced();
    const rebalancedAt = time.now();
    sleeping?.();
    await new Promise((resolve) => setImmediate(resolve));
    sleeping?.();
    await waiting;
    expect(time.now()).toBeGreaterThanOrEqual(rebalancedAt + 1000);
  });
});
