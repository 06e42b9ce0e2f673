import { FLAT_SLOPE_MB_PER_MIN, type MemoryTrend } from './memory-trend';
import type { LatencySummary } from './stats';

/** What the soak's endpoints do: answer at once one event a request, a batch, in strict order, or fail each delivery's first attempt. */
export type SoakEndpointKind = 'simple' | 'batch' | 'ordered' | 'retried';

export interface SoakEndpointFigures {
  kind: SoakEndpointKind;
  subscriptions: number;
  expected: number;
  delivered: number;
  latencyMs: LatencySummary;
  /** Requests answered with a failure: one per delivery for the `retried` endpoint, none elsewhere. */
  failedAttempts: number;
}

/** The `soak` scenario's own figures, beside its row of the main table. */
export interface SoakFigures {
  minutes: number;
  warmUpMinutes: number;
  sampleIntervalMs: number;
  ratePerSecond: number;
  offeredViaKafka: number;
  offeredViaRest: number;
  /** Per minute of the offered load: deliveries that arrived, and their p99 latency (first-attempt endpoints). */
  perMinute: { delivered: number[]; p99Ms: number[] };
  endpoints: SoakEndpointFigures[];
  rssMb: Record<string, MemoryTrend>;
  heapUsedMb: Record<string, MemoryTrend>;
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const signed = (value: number, digits: number) => (Number.isFinite(value) && value > 0 ? '+' : '') + fixed(value, digits);

function trendTable(title: string, trends: Record<string, MemoryTrend>, minutes: number, warmUpMinutes: number): string[] {
  const width = Math.max(15, ...Object.keys(trends).map((name) => name.length));
  const minuteHeads = Array.from({ length: minutes }, (_, index) => `m${index + 1}${index < warmUpMinutes ? '*' : ''}`.padStart(6)).join('');
  const lines = [title, `  ${'service'.padEnd(width)}  start${minuteHeads}    end  MB/min   MB/h  last 2/3 MB/min  floors (halves)  floor MB/min  verdict`];
  for (const [name, trend] of Object.entries(trends)) {
    const medians = trend.minuteMediansMb.map((mb) => fixed(mb, 0).padStart(6)).join('');
    lines.push(
      `  ${name.padEnd(width)}  ${fixed(trend.startMb, 0).padStart(5)}${medians}  ${fixed(trend.endMb, 0).padStart(5)}  ${signed(trend.slopeMbPerMin, 2).padStart(6)}  ${signed(trend.projectedMbPerHour, 0).padStart(5)}  ${signed(trend.lateSlopeMbPerMin, 2).padStart(15)}  ${`${fixed(trend.floorsMb[0], 0)} → ${fixed(trend.floorsMb[1], 0)}`.padStart(15)}  ${signed(trend.floorRiseMbPerMin, 2).padStart(12)}  ${trend.verdict}`,
    );
  }
  return lines;
}

/** The soak's tables: memory per service over time with its verdict, the load per minute, and each endpoint kind. */
export function soakReportLines(figures: SoakFigures): string[] {
  const { minutes, warmUpMinutes } = figures;
  const lines = [
    `soak: ${figures.ratePerSecond} events/s for ${minutes} min (${figures.offeredViaKafka} through Kafka, ${figures.offeredViaRest} through REST batches); memory sampled every ${figures.sampleIntervalMs / 1000} s.`,
    `soak: columns m1…m${minutes} are per-minute medians, * = warm-up (in no slope or verdict); start = first sample after it, end = last sample.`,
    `soak: growing = slope over the last two thirds and rise of the floor (lowest sample) from the first half of the steady part to the second both > ${FLAT_SLOPE_MB_PER_MIN} MB/min; else flat.`,
    ...trendTable('soak: RSS, MB', figures.rssMb, minutes, warmUpMinutes),
    ...trendTable('soak: V8 heap in use (from /metrics), MB', figures.heapUsedMb, minutes, warmUpMinutes),
    `soak: deliveries per minute: ${figures.perMinute.delivered.join(', ')}`,
    `soak: p99 ms per minute (first-attempt endpoints): ${figures.perMinute.p99Ms.map((value) => fixed(value, 0)).join(', ')}`,
  ];
  for (const endpoint of figures.endpoints) {
    const { p50, p95, p99 } = endpoint.latencyMs;
    const failed = endpoint.failedAttempts > 0 ? `, ${endpoint.failedAttempts} failed attempts` : '';
    lines.push(
      `soak: ${endpoint.kind} (${endpoint.subscriptions} subscription${endpoint.subscriptions === 1 ? '' : 's'}): ${endpoint.delivered} of ${endpoint.expected} delivered${failed}, p50 ${fixed(p50, 0)} ms, p95 ${fixed(p95, 0)} ms, p99 ${fixed(p99, 0)} ms`,
    );
  }
  return lines;
}
