import { byMinute, leastSquaresSlope, median, memoryTrend, memoryVerdict, perMinuteMedians, perMinutePercentile, slopeMbPerMinute, type MemorySample } from './memory-trend';

/** One sample every 5 s for `minutes`, valued by `mb(minute)`. */
function series(minutes: number, mb: (minute: number) => number): MemorySample[] {
  return Array.from({ length: minutes * 12 }, (_, index) => ({ atMs: index * 5000, mb: mb((index * 5000) / 60_000) }));
}

describe('memory trend statistics', () => {
  it('takes medians of odd and even counts, NaN when empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('fits the least-squares slope', () => {
    expect(leastSquaresSlope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBeCloseTo(2);
    // Symmetric noise around a flat line leaves it flat.
    expect(leastSquaresSlope([{ x: 0, y: 10 }, { x: 1, y: 12 }, { x: 2, y: 8 }, { x: 3, y: 10 }])).toBeCloseTo(-0.4);
    expect(leastSquaresSlope([{ x: 1, y: 1 }])).toBeNaN();
    expect(leastSquaresSlope([{ x: 1, y: 1 }, { x: 1, y: 5 }])).toBeNaN();
  });

  it('gives the slope in MB per minute from millisecond timestamps', () => {
    expect(slopeMbPerMinute([{ atMs: 0, mb: 100 }, { atMs: 120_000, mb: 106 }])).toBeCloseTo(3);
  });

  it('buckets by whole minute and drops what falls past the last one', () => {
    const items = [{ atMs: 0 }, { atMs: 59_999 }, { atMs: 60_000 }, { atMs: 180_000 }];
    expect(byMinute(items, 2).map((bucket) => bucket.length)).toEqual([2, 1]);
  });

  it('takes per-minute medians and percentiles, NaN for an empty minute', () => {
    const samples = [{ atMs: 0, mb: 100 }, { atMs: 30_000, mb: 104 }, { atMs: 40_000, mb: 102 }, { atMs: 130_000, mb: 110 }];
    expect(perMinuteMedians(samples, 3)).toEqual([102, Number.NaN, 110]);
    const latencies = Array.from({ length: 100 }, (_, index) => ({ atMs: 61_000, value: index + 1 }));
    expect(perMinutePercentile(latencies, 2, 99)).toEqual([Number.NaN, 99]);
  });

  it('calls a series growing only when both its late slope and its floor rise', () => {
    expect(memoryVerdict(0.5, 0.2)).toBe('flat');
    expect(memoryVerdict(-3, -2)).toBe('flat');
    expect(memoryVerdict(4, 0.1)).toBe('flat');
    expect(memoryVerdict(0.2, 3)).toBe('flat');
    expect(memoryVerdict(1.5, 1.2)).toBe('growing');
    expect(memoryVerdict(Number.NaN, 2)).toBe('too short');
    expect(memoryVerdict(2, Number.NaN)).toBe('too short');
  });

  it('ignores the warm-up: a climb that levels off after it is flat', () => {
    const trend = memoryTrend(series(10, (minute) => (minute < 1 ? 100 + 40 * minute : 140)), 10, 1);
    expect(trend.startMb).toBe(140);
    expect(trend.endMb).toBe(140);
    expect(trend.minuteMediansMb[0]).toBeCloseTo(100 + (40 * 27.5) / 60);
    expect(trend.minuteMediansMb.slice(1)).toEqual(Array.from({ length: 9 }, () => 140));
    expect(trend.slopeMbPerMin).toBeCloseTo(0);
    expect(trend.projectedMbPerHour).toBeCloseTo(0);
    expect(trend.verdict).toBe('flat');
  });

  it('is flat under a GC sawtooth with no drift', () => {
    // A 20 MB tooth every 40 s on top of 200 MB.
    const trend = memoryTrend(series(10, (minute) => 200 + 20 * (((minute * 60) % 40) / 40)), 10, 1);
    expect(Math.abs(trend.lateSlopeMbPerMin)).toBeLessThan(1);
    expect(trend.floorsMb).toEqual([200, 200]);
    expect(trend.verdict).toBe('flat');
  });

  it('is flat under a slow, large sawtooth that tilts the slope', () => {
    // 60 MB over a 3-minute cycle, as a service's old generation fills up and is compacted.
    const trend = memoryTrend(series(10, (minute) => 180 + 60 * ((minute % 3) / 3)), 10, 1);
    expect(trend.floorsMb).toEqual([180, 180]);
    expect(trend.floorRiseMbPerMin).toBe(0);
    expect(trend.verdict).toBe('flat');
  });

  it('reports a steady leak as growing, with its hourly projection', () => {
    const trend = memoryTrend(series(10, (minute) => 150 + 2 * minute), 10, 1);
    expect(trend.startMb).toBe(152);
    expect(trend.slopeMbPerMin).toBeCloseTo(2);
    expect(trend.projectedMbPerHour).toBeCloseTo(120);
    expect(trend.lateSlopeMbPerMin).toBeCloseTo(2);
    expect(trend.floorRiseMbPerMin).toBeCloseTo(2, 0);
    expect(trend.verdict).toBe('growing');
  });

  it('sees a leak through a sawtooth', () => {
    const trend = memoryTrend(series(10, (minute) => 180 + 2 * minute + 40 * ((minute % 2) / 2)), 10, 1);
    expect(trend.floorRiseMbPerMin).toBeGreaterThan(1);
    expect(trend.verdict).toBe('growing');
  });

  it('takes a short step late in the run for a bound being reached, not for growth', () => {
    const trend = memoryTrend(series(10, (minute) => (minute < 9 ? 200 : 240)), 10, 1);
    expect(trend.lateSlopeMbPerMin).toBeGreaterThan(1);
    expect(trend.floorsMb).toEqual([200, 200]);
    expect(trend.verdict).toBe('flat');
  });

  it('has no verdict without enough samples after the warm-up', () => {
    const trend = memoryTrend(series(1, () => 100), 1, 1);
    expect(trend.startMb).toBeNaN();
    expect(trend.verdict).toBe('too short');
    expect(memoryTrend(series(2, () => 100).slice(0, 15), 2, 1).verdict).toBe('too short');
  });
});
