import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createBenchTenant, type BenchSubscription } from './bench-tenant';
import { BenchEventProducer, type RestShare } from './event-producer';
import { warmUp, type BenchContext, type ScenarioResult } from './measure';
import { MemoryTimeline, type MemorySeries, type MemoryTarget } from './memory-timeline';
import { byMinute, memoryTrend, perMinutePercentile, type MemoryTrend } from './memory-trend';
import type { SoakEndpointFigures, SoakEndpointKind, SoakFigures } from './soak-report';
import { summarizeDeliveries, type Arrival } from './stats';

export interface SoakOptions {
  ratePerSecond: number;
  minutes: number;
}

/** What the soak reads besides the bench context: ingest's URL and each service's process and /metrics. */
export interface SoakStack {
  ingestUrl: string;
  memoryTargets: () => Record<string, MemoryTarget>;
  /** Where every memory sample is written as JSON, for a closer look than per-minute medians. */
  samplesFile: string;
}

const WARM_UP_MINUTES = 1;
const SAMPLE_INTERVAL_MS = 5000;
const PRE_WARM_SECONDS = 5;
const DRAIN_TIMEOUT_MS = 120_000;
/** One 20 ms tick in five goes through `POST /v1/events/batch`: a fifth of the events. */
const REST_EVERY_NTH_TICK = 5;

const SIMPLE_TYPES = ['soak.t0', 'soak.t1', 'soak.t2', 'soak.t3'] as const;
const ORDERED_TYPE = 'soak.ordered';
const RETRIED_TYPE = 'soak.retried';

/**
 * The event types in turn, 40 to a cycle: one to the ordered subscription (2.5 %, which sends one
 * request at a time), two to the endpoint that fails first attempts (5 %), the rest over four types.
 */
export const SOAK_ROTATION: readonly string[] = Array.from({ length: 40 }, (_, slot) =>
  slot === 0 ? ORDERED_TYPE : slot % 20 === 10 ? RETRIED_TYPE : SIMPLE_TYPES[slot % SIMPLE_TYPES.length]!,
);

interface SoakEndpoint {
  kind: SoakEndpointKind;
  path: string;
  subscription: Omit<BenchSubscription, 'url'>;
}

const ENDPOINTS: readonly SoakEndpoint[] = [
  ...SIMPLE_TYPES.map((type, index): SoakEndpoint => ({ kind: 'simple', path: `/soak/simple/${index}`, subscription: { eventTypes: [type] } })),
  // Two types' events a second time, in batches: close to half the events make two deliveries.
  {
    kind: 'batch',
    path: '/soak/batch',
    subscription: { eventTypes: ['soak.t0', 'soak.t1'], policy: { mode: 'batch', maxBatchSize: 50, maxBatchWaitMs: 200 } },
  },
  { kind: 'ordered', path: '/soak/ordered', subscription: { eventTypes: [ORDERED_TYPE], ordering: 'ordered' } },
  // Every delivery fails once and succeeds on its retry 1 s later: the retry scheduler and attempts table churn.
  // Early on, first attempts fail before any retry succeeds: a threshold it cannot reach keeps auto-disable out of it.
  { kind: 'retried', path: '/soak/retried', subscription: { eventTypes: [RETRIED_TYPE], retrySchedule: [1, 5, 30], failureThreshold: 10_000 } },
];

const endpointsFor = (type: string) => ENDPOINTS.filter((endpoint) => endpoint.subscription.eventTypes.includes(type));

/**
 * `soak`: a steady, moderate load for `minutes` — events through Kafka and REST batches, to simple,
 * batch-mode, ordered and first-attempt-failing subscriptions — while every service's RSS and V8 heap
 * are sampled, to show whether memory stays flat once warm. Bounded: rate × minutes events, then at
 * most two minutes for the last deliveries.
 */
export async function runSoak(context: BenchContext, options: SoakOptions, stack: SoakStack, firstSeq: number): Promise<ScenarioResult> {
  const { receivers, usage, log } = context;
  const tenant = await createBenchTenant(
    context.registryUrl,
    context.adminToken,
    'bench-soak',
    ENDPOINTS.map((endpoint) => ({ ...endpoint.subscription, url: receivers.url(endpoint.path) })),
  );
  for (const endpoint of ENDPOINTS) if (endpoint.kind === 'retried') receivers.flaky(endpoint.path);
  const events = new BenchEventProducer(context.producer, tenant.tenantId, SOAK_ROTATION, context.runId, firstSeq);
  const rest: RestShare = { ingest: { url: stack.ingestUrl, apiKey: tenant.apiKey }, everyNthTick: REST_EVERY_NTH_TICK };
  const expected = (sequences: readonly number[]) => sequences.reduce((total, seq) => total + endpointsFor(events.typeOf(seq)).length, 0);
  await warmUp(context, () => events.offer(options.ratePerSecond, PRE_WARM_SECONDS, rest), expected);

  log(`soak: ${options.ratePerSecond} events/s for ${options.minutes} min (the first is warm-up), memory sampled every ${SAMPLE_INTERVAL_MS / 1000} s`);
  receivers.reset();
  const restBefore = events.acceptedViaRest;
  const timeline = new MemoryTimeline(stack.memoryTargets, SAMPLE_INTERVAL_MS);
  await usage.start();
  timeline.start();
  const started = Date.now();
  const progress = setInterval(() => log(`soak: ${Math.round((Date.now() - started) / 60_000)} of ${options.minutes} min, ${receivers.deliveries.size} deliveries so far`), 60_000);
  let sequences: number[];
  let memory: Record<string, MemorySeries>;
  try {
    sequences = await events.offer(options.ratePerSecond, options.minutes * 60, rest);
  } finally {
    clearInterval(progress);
    memory = await timeline.stop();
  }
  await mkdir(dirname(stack.samplesFile), { recursive: true });
  await writeFile(stack.samplesFile, JSON.stringify({ intervalMs: SAMPLE_INTERVAL_MS, warmUpMinutes: WARM_UP_MINUTES, series: memory }));
  log(`soak: memory samples written to ${stack.samplesFile}`);
  const total = expected(sequences);
  const complete = await receivers.waitUntil(() => receivers.deliveries.size >= total, DRAIN_TIMEOUT_MS);
  const { peakRssMb, cpuSeconds } = await usage.stop();

  const offered = new Set(sequences);
  const arrivals = [...receivers.deliveries.values()].filter((arrival) => offered.has(arrival.seq));
  const kindOf = new Map(ENDPOINTS.map((endpoint) => [endpoint.path, endpoint.kind]));
  const firstAttempt = arrivals.filter((arrival) => kindOf.get(arrival.path) !== 'retried');
  const all = summarizeDeliveries(arrivals, events.acceptedAt, started);
  const viaRest = events.acceptedViaRest - restBefore;
  const soak: SoakFigures = {
    minutes: options.minutes,
    warmUpMinutes: WARM_UP_MINUTES,
    sampleIntervalMs: SAMPLE_INTERVAL_MS,
    ratePerSecond: options.ratePerSecond,
    offeredViaKafka: sequences.length - viaRest,
    offeredViaRest: viaRest,
    perMinute: perMinuteLoad(arrivals, firstAttempt, events.acceptedAt, started, options.minutes),
    endpoints: endpointFigures(sequences, events, arrivals, receivers.failedAttempts, started),
    rssMb: trends(memory, 'rss', options.minutes),
    heapUsedMb: trends(memory, 'heapUsed', options.minutes),
  };
  return {
    scenario: 'soak',
    offered: sequences.length,
    expected: total,
    delivered: all.delivered,
    perSecond: Math.round(all.perSecond),
    latencyMs: summarizeDeliveries(firstAttempt, events.acceptedAt, started).latencyMs,
    duplicates: receivers.duplicates(),
    peakRssMb,
    cpuSeconds,
    note: `latency of first-attempt endpoints; ${complete ? 'memory over time below' : `timed out after ${DRAIN_TIMEOUT_MS / 1000} s`}`,
    soak,
  };
}

/** Per endpoint kind: deliveries expected and made, their latency, and the failed attempts its receivers saw. */
function endpointFigures(
  sequences: readonly number[],
  events: BenchEventProducer,
  arrivals: readonly Arrival[],
  failedAttempts: ReadonlyMap<string, number>,
  started: number,
): SoakEndpointFigures[] {
  const kinds: SoakEndpointKind[] = ['simple', 'batch', 'ordered', 'retried'];
  return kinds.map((kind) => {
    const paths = new Set(ENDPOINTS.filter((endpoint) => endpoint.kind === kind).map((endpoint) => endpoint.path));
    const expected = sequences.reduce((sum, seq) => sum + endpointsFor(events.typeOf(seq)).filter((endpoint) => endpoint.kind === kind).length, 0);
    const summary = summarizeDeliveries(arrivals.filter((arrival) => paths.has(arrival.path)), events.acceptedAt, started);
    const failed = [...paths].reduce((sum, path) => sum + (failedAttempts.get(path) ?? 0), 0);
    return { kind, subscriptions: paths.size, expected, delivered: summary.delivered, latencyMs: summary.latencyMs, failedAttempts: failed };
  });
}

/** Deliveries that arrived in each minute of the load, and the p99 latency of the first-attempt ones. */
function perMinuteLoad(
  arrivals: readonly Arrival[],
  firstAttempt: readonly Arrival[],
  acceptedAt: ReadonlyMap<number, number>,
  started: number,
  minutes: number,
): SoakFigures['perMinute'] {
  const delivered = byMinute(arrivals.map((arrival) => ({ atMs: arrival.at - started })), minutes).map((bucket) => bucket.length);
  const latencies = firstAttempt.flatMap((arrival) => {
    const accepted = acceptedAt.get(arrival.seq);
    return accepted === undefined ? [] : [{ atMs: arrival.at - started, value: arrival.at - accepted }];
  });
  return { delivered, p99Ms: perMinutePercentile(latencies, minutes, 99) };
}

function trends(memory: Record<string, MemorySeries>, series: keyof MemorySeries, minutes: number): Record<string, MemoryTrend> {
  return Object.fromEntries(Object.entries(memory).map(([name, samples]) => [name, rounded(memoryTrend(samples[series], minutes, WARM_UP_MINUTES))]));
}

/** Figures to a useful precision for the JSON line. */
function rounded(trend: MemoryTrend): MemoryTrend {
  const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  return {
    ...trend,
    startMb: round(trend.startMb, 1),
    minuteMediansMb: trend.minuteMediansMb.map((mb) => round(mb, 1)),
    endMb: round(trend.endMb, 1),
    slopeMbPerMin: round(trend.slopeMbPerMin, 3),
    projectedMbPerHour: round(trend.projectedMbPerHour, 1),
    lateSlopeMbPerMin: round(trend.lateSlopeMbPerMin, 3),
    floorsMb: [round(trend.floorsMb[0], 1), round(trend.floorsMb[1], 1)],
    floorRiseMbPerMin: round(trend.floorRiseMbPerMin, 3),
  };
}
