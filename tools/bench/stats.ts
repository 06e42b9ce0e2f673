/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

/** Deliveries per second over the span from the first event offered to the last delivery received. */
export function ratePerSecond(count: number, startMs: number, endMs: number): number {
  const seconds = (endMs - startMs) / 1000;
  return seconds > 0 ? count / seconds : 0;
}

/** One delivery as the receiver saw it: the event's sequence number, the endpoint's path, when it arrived. */
export interface Arrival {
  seq: number;
  path: string;
  at: number;
}

export interface DeliverySummary {
  delivered: number;
  perSecond: number;
  latencyMs: LatencySummary;
}

/**
 * Counts the arrivals whose event has an acceptance time, their rate from `startMs` to the last of
 * them, and their end-to-end latency (accepted → arrived).
 */
export function summarizeDeliveries(arrivals: Iterable<Arrival>, acceptedAt: ReadonlyMap<number, number>, startMs: number): DeliverySummary {
  const latencies: number[] = [];
  let last = startMs;
  for (const arrival of arrivals) {
    const accepted = acceptedAt.get(arrival.seq);
    if (accepted === undefined) continue;
    latencies.push(arrival.at - accepted);
    last = Math.max(last, arrival.at);
  }
  return { delivered: latencies.length, perSecond: ratePerSecond(latencies.length, startMs, last), latencyMs: summarizeLatencies(latencies) };
}

export interface LatencyRatio {
  p50: number;
  p95: number;
  p99: number;
}

/** Each percentile over the baseline's, to two decimals (1 = unaffected); NaN when the baseline has none. */
export function latencyRatio(measured: LatencySummary, baseline: LatencySummary): LatencyRatio {
  const ratio = (value: number, base: number) => (base > 0 ? Math.round((value / base) * 100) / 100 : Number.NaN);
  return { p50: ratio(measured.p50, baseline.p50), p95: ratio(measured.p95, baseline.p95), p99: ratio(measured.p99, baseline.p99) };
}
