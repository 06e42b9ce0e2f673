import { percentile } from './stats';

/** One reading of a process's memory, `atMs` after the soak started. */
export interface MemorySample {
  atMs: number;
  mb: number;
}

/**
 * A series is `growing` when both of these exceed this many MB per minute, `flat` otherwise:
 * - the least-squares slope over the last two thirds of the steady part (early settling left out);
 * - the rise of its floor (lowest sample) from the first half of the steady part to the second, per
 *   minute between them. A GC sawtooth moves the slope with its phase but leaves the floor where it
 *   is; a leak lifts both.
 * 1 MB/min is 60 MB/h, which would double a 150–300 MB service within hours; below it, ten minutes
 * of GC and allocator noise cannot tell a leak from a sawtooth.
 */
export const FLAT_SLOPE_MB_PER_MIN = 1;
/** Fewer samples than this in the last two thirds, or in either half, give no verdict. */
const MIN_SAMPLES = 4;

export type MemoryVerdict = 'flat' | 'growing' | 'too short';

export interface MemoryTrend {
  /** First sample of the steady part (after the warm-up). */
  startMb: number;
  /** Median of each minute of the run, warm-up included (NaN for a minute without samples). */
  minuteMediansMb: number[];
  /** Last sample. */
  endMb: number;
  /** Least-squares slope over the whole steady part, and what it would add in an hour. */
  slopeMbPerMin: number;
  projectedMbPerHour: number;
  /** The slope over the last two thirds of the steady part. */
  lateSlopeMbPerMin: number;
  /** Lowest sample of each half of the steady part, and the rise between them per minute. */
  floorsMb: [number, number];
  floorRiseMbPerMin: number;
  verdict: MemoryVerdict;
}

/** Middle value (mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Slope of the least-squares line through the points; NaN with fewer than two distinct x. */
export function leastSquaresSlope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const { x, y } of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return variance > 0 ? covariance / variance : Number.NaN;
}

/** Slope of the samples in MB per minute. */
export function slopeMbPerMinute(samples: readonly MemorySample[]): number {
  return leastSquaresSlope(samples.map((sample) => ({ x: sample.atMs / 60_000, y: sample.mb })));
}

/** The values falling in each whole minute from 0 to `minutes` (by `atMs`); later ones go nowhere. */
export function byMinute<T extends { atMs: number }>(items: readonly T[], minutes: number): T[][] {
  const buckets = Array.from({ length: minutes }, (): T[] => []);
  for (const item of items) buckets[Math.floor(item.atMs / 60_000)]?.push(item);
  return buckets;
}

export function perMinuteMedians(samples: readonly MemorySample[], minutes: number): number[] {
  return byMinute(samples, minutes).map((bucket) => median(bucket.map((sample) => sample.mb)));
}

/** Each minute's p`p` of `values` (NaN for a minute without any). */
export function perMinutePercentile(values: readonly { atMs: number; value: number }[], minutes: number, p: number): number[] {
  return byMinute(values, minutes).map((bucket) => percentile(bucket.map((item) => item.value).sort((a, b) => a - b), p));
}

/** `growing` only when the late slope and the floor's rise both pass the threshold: a sawtooth rarely lifts both. */
export function memoryVerdict(lateSlopeMbPerMin: number, floorRiseMbPerMin: number): MemoryVerdict {
  if (!Number.isFinite(lateSlopeMbPerMin) || !Number.isFinite(floorRiseMbPerMin)) return 'too short';
  return lateSlopeMbPerMin > FLAT_SLOPE_MB_PER_MIN && floorRiseMbPerMin > FLAT_SLOPE_MB_PER_MIN ? 'growing' : 'flat';
}

const lowest = (samples: readonly MemorySample[]) => (samples.length < MIN_SAMPLES ? Number.NaN : Math.min(...samples.map((sample) => sample.mb)));

/**
 * The trend of one series over a run of `minutes` whose first `warmUpMinutes` are warm-up: samples
 * taken during the warm-up show in the per-minute medians but in no slope, floor, start or verdict.
 */
export function memoryTrend(samples: readonly MemorySample[], minutes: number, warmUpMinutes: number): MemoryTrend {
  const ordered = [...samples].sort((a, b) => a.atMs - b.atMs);
  const warmUpMs = warmUpMinutes * 60_000;
  const steady = ordered.filter((sample) => sample.atMs >= warmUpMs);
  const first = steady[0];
  const last = steady[steady.length - 1];
  const spanMs = first === undefined || last === undefined ? 0 : last.atMs - first.atMs;
  const late = steady.filter((sample) => sample.atMs >= (first?.atMs ?? 0) + spanMs / 3);
  const middle = (first?.atMs ?? 0) + spanMs / 2;
  const floorsMb: [number, number] = [lowest(steady.filter((sample) => sample.atMs < middle)), lowest(steady.filter((sample) => sample.atMs >= middle))];
  // The halves' centres lie half the span apart.
  const floorRise = spanMs > 0 ? (floorsMb[1] - floorsMb[0]) / (spanMs / 2 / 60_000) : Number.NaN;
  const slope = slopeMbPerMinute(steady);
  const lateSlope = late.length < MIN_SAMPLES ? Number.NaN : slopeMbPerMinute(late);
  return {
    startMb: first?.mb ?? Number.NaN,
    minuteMediansMb: perMinuteMedians(ordered, minutes),
    endMb: last?.mb ?? Number.NaN,
    slopeMbPerMin: slope,
    projectedMbPerHour: slope * 60,
    lateSlopeMbPerMin: lateSlope,
    floorsMb,
    floorRiseMbPerMin: floorRise,
    verdict: memoryVerdict(lateSlope, floorRise),
  };
}
