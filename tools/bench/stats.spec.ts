import { latencyRatio, percentile, ratePerSecond, summarizeDeliveries, summarizeLatencies } from './stats';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarizes unsorted latencies', () => {
    expect(summarizeLatencies([30, 10, 20, 1000])).toEqual({ p50: 20, p95: 1000, p99: 1000, max: 1000 });
  });

  it('computes a rate over the span', () => {
    expect(ratePerSecond(3000, 0, 1500)).toBe(2000);
    expect(ratePerSecond(10, 5, 5)).toBe(0);
  });

  it('summarizes deliveries of accepted events from the start to the last arrival', () => {
    const acceptedAt = new Map([[1, 1000], [2, 1000]]);
    const arrivals = [
      { seq: 1, path: '/a', at: 1010 },
      { seq: 1, path: '/b', at: 1030 },
      { seq: 2, path: '/a', at: 1500 },
      { seq: 9, path: '/a', at: 9999 },
    ];
    expect(summarizeDeliveries(arrivals, acceptedAt, 500)).toEqual({
      delivered: 3,
      perSecond: 3,
      latencyMs: { p50: 30, p95: 500, p99: 500, max: 500 },
    });
    expect(summarizeDeliveries([], acceptedAt, 500)).toMatchObject({ delivered: 0, perSecond: 0 });
  });

  it('divides each percentile by the baseline, NaN without one', () => {
    const baseline = { p50: 10, p95: 20, p99: 40, max: 90 };
    expect(latencyRatio({ p50: 10, p95: 30, p99: 42, max: 1000 }, baseline)).toEqual({ p50: 1, p95: 1.5, p99: 1.05 });
    expect(latencyRatio(baseline, { p50: Number.NaN, p95: 0, p99: 40, max: 40 })).toEqual({ p50: Number.NaN, p95: Number.NaN, p99: 1 });
  });
});
