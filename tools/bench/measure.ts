import type { MessageProducer } from '@hookline/messaging';
import type { BenchEventProducer } from './event-producer';
import type { BadEndpointFigures } from './isolation-plan';
import type { ProcessSampler } from './process-sampler';
import type { Receivers } from './receivers';
import type { SoakFigures } from './soak-report';
import { summarizeDeliveries, type LatencyRatio, type LatencySummary } from './stats';

/** What every scenario runs against: the stack's registry, the receivers, a Kafka producer and the process sampler. */
export interface BenchContext {
  registryUrl: string;
  adminToken: string;
  receivers: Receivers;
  producer: MessageProducer;
  usage: ProcessSampler;
  runId: string;
  log: (line: string) => void;
}

export interface ScenarioResult {
  scenario: string;
  /** Events offered. */
  offered: number;
  /** Deliveries the scenario should complete: events × matching subscriptions (healthy ones only in `isolation`). */
  expected: number;
  delivered: number;
  perSecond: number;
  latencyMs: LatencySummary;
  duplicates: number;
  peakRssMb: Record<string, number>;
  cpuSeconds: Record<string, number>;
  note?: string;
  /** `isolation` only: what the bad endpoints saw, and the healthy latency over that of the same load with no bad endpoint, before and after. */
  badEndpoints?: BadEndpointFigures[];
  healthyLatencyVsBaseline?: { before: LatencyRatio; after: LatencyRatio };
  /** `soak` only: memory per service over time, the load per minute and per endpoint kind. */
  soak?: SoakFigures;
}

export interface ScenarioSpec {
  scenario: string;
  /** Offers the events; resolves with their sequence numbers once all are accepted. */
  run: () => Promise<number[]>;
  /** The successful deliveries those events should make. */
  expected: (sequences: readonly number[]) => number;
  timeoutMs: number;
}

/**
 * Runs a scenario and waits (at most `timeoutMs`) for its deliveries: counts, rate and end-to-end
 * latency of every successful delivery of its events, and the processes' peak RSS and CPU meanwhile.
 */
export async function measure(context: BenchContext, events: BenchEventProducer, spec: ScenarioSpec): Promise<ScenarioResult> {
  const { receivers, usage } = context;
  receivers.reset();
  await usage.start();
  const started = Date.now();
  const sequences = await spec.run();
  const expected = spec.expected(sequences);
  const complete = await receivers.waitUntil(() => receivers.deliveries.size >= expected, spec.timeoutMs);
  const { peakRssMb, cpuSeconds } = await usage.stop();
  const offered = new Set(sequences);
  const arrivals = [...receivers.deliveries.values()].filter((arrival) => offered.has(arrival.seq));
  const summary = summarizeDeliveries(arrivals, events.acceptedAt, started);
  return {
    scenario: spec.scenario,
    offered: sequences.length,
    expected,
    delivered: summary.delivered,
    perSecond: Math.round(summary.perSecond),
    latencyMs: summary.latencyMs,
    duplicates: receivers.duplicates(),
    peakRssMb,
    cpuSeconds,
    ...(complete ? {} : { note: `timed out after ${spec.timeoutMs / 1000} s` }),
  };
}

/** Runs unmeasured events and waits for their deliveries: connections open, subscriptions known everywhere, load settled. */
export async function warmUp(context: BenchContext, run: () => Promise<number[]>, deliveries: (sequences: readonly number[]) => number): Promise<void> {
  context.receivers.reset();
  const expected = deliveries(await run());
  const ready = await context.receivers.waitUntil(() => context.receivers.deliveries.size >= expected, 60_000);
  if (!ready) context.log(`warm-up incomplete: ${context.receivers.deliveries.size} of ${expected} deliveries after 60 s`);
}
