import { percentile, ratePerSecond, summarizeLatencies } from './stats';

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
});
