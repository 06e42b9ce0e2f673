import { createBenchTenant } from './bench-tenant';
import { BenchEventProducer } from './event-producer';
import { planEndpoints, summarizeBadEndpoints, tally, type BadEndpointFigures, type EndpointBehaviour } from './isolation-plan';
import { measure, warmUp, type BenchContext, type ScenarioResult } from './measure';
import { latencyRatio } from './stats';

const ISOLATION_SUBSCRIPTIONS = 200;
const BAD_SHARE = 0.1;
const WARM_UP_SECONDS = 5;
/**
 * Bad endpoints get the shortest timeout the API allows, a retry an hour away (none inside the run)
 * and a failure threshold they cannot reach, so auto-disable does not stop their attempts mid-run.
 */
const BAD_SETTINGS = { timeoutMs: 1000, retrySchedule: [3600], failureThreshold: 10_000 };

const endpointPath = (index: number) => `/isolation/${index}`;
const eventType = (index: number) => `bench.iso${index}`;

interface IsolationLoad {
  events: BenchEventProducer;
  /** The endpoint (subscription index) an event goes to. */
  endpointOf: (seq: number) => number;
}

/**
 * `isolation` (SPEC §9): 200 subscriptions, one event type each, offered `rate` events/s in turn for
 * `seconds`, three times: every endpoint answering 200, then 10 % of them bad (half hang past the 1 s
 * timeout, half answer 500), then all answering 200 again. The bad run reports the healthy endpoints
 * only, their latency over both all-healthy runs' (so drift over the run cannot pass for an effect),
 * and the attempts the bad endpoints saw.
 */
export async function runIsolation(context: BenchContext, rate: number, seconds: number, firstSeq: number): Promise<ScenarioResult[]> {
  const plan = planEndpoints(ISOLATION_SUBSCRIPTIONS, BAD_SHARE);
  const load = await createIsolationTenant(context, plan, firstSeq);
  const offer = () => load.events.offer(rate, seconds);
  const timeoutMs = seconds * 1000 + 60_000;
  await warmUp(context, () => load.events.offer(rate, WARM_UP_SECONDS), (sequences) => sequences.length);
  const allHealthy = (scenario: string) => measure(context, load.events, { scenario, run: offer, expected: (sequences) => sequences.length, timeoutMs });

  context.log(`isolation-before: ${rate} events/s for ${seconds} s over ${ISOLATION_SUBSCRIPTIONS} subscriptions, all answering 200`);
  const before = await allHealthy('isolation-before');
  setBehaviours(context, plan);
  context.log(`isolation: the same load with ${plan.filter((behaviour) => behaviour !== 'healthy').length} bad endpoints (half hang past their 1 s timeout, half answer 500)`);
  const { result, badEndpoints } = await measureWithBadEndpoints(context, load, plan, offer, timeoutMs);
  setBehaviours(context, plan.map(() => 'healthy'));
  context.log('isolation-after: the same load, all answering 200 again');
  const after = await allHealthy('isolation-after');
  const healthyLatencyVsBaseline = { before: latencyRatio(result.latencyMs, before.latencyMs), after: latencyRatio(result.latencyMs, after.latencyMs) };
  return [before, { ...result, badEndpoints, healthyLatencyVsBaseline }, after];
}

async function createIsolationTenant(context: BenchContext, plan: readonly EndpointBehaviour[], firstSeq: number): Promise<IsolationLoad> {
  const tenant = await createBenchTenant(
    context.registryUrl,
    context.adminToken,
    'bench-isolation',
    plan.map((behaviour, index) => ({
      eventTypes: [eventType(index)],
      url: context.receivers.url(endpointPath(index)),
      ...(behaviour === 'healthy' ? {} : BAD_SETTINGS),
    })),
  );
  const types = plan.map((_, index) => eventType(index));
  const events = new BenchEventProducer(context.producer, tenant.tenantId, types, context.runId, firstSeq);
  const indexOfType = new Map(types.map((type, index) => [type, index]));
  return { events, endpointOf: (seq) => indexOfType.get(events.typeOf(seq)) ?? 0 };
}

function setBehaviours(context: BenchContext, plan: readonly EndpointBehaviour[]): void {
  for (const [index, behaviour] of plan.entries()) {
    const path = endpointPath(index);
    switch (behaviour) {
      case 'healthy':
        context.receivers.behave(path, 200);
        break;
      case 'hang':
        context.receivers.hang(path);
        break;
      case 'error':
        context.receivers.behave(path, 500);
        break;
    }
  }
}

/** The healthy endpoints' figures under the bad ones' load, then the attempts the bad ones saw. */
async function measureWithBadEndpoints(
  context: BenchContext,
  load: IsolationLoad,
  plan: readonly EndpointBehaviour[],
  offer: () => Promise<number[]>,
  timeoutMs: number,
): Promise<{ result: ScenarioResult; badEndpoints: BadEndpointFigures[] }> {
  let sequences: number[] = [];
  const result = await measure(context, load.events, {
    scenario: 'isolation',
    run: async () => (sequences = await offer()),
    expected: (offered) => offered.filter((seq) => plan[load.endpointOf(seq)] === 'healthy').length,
    timeoutMs,
  });
  const routed = tally(sequences.map(load.endpointOf), plan.length);
  const badRouted = routed.reduce((total, count, index) => total + (plan[index] === 'healthy' ? 0 : count), 0);
  const { failedAttempts } = context.receivers;
  // Hanging attempts queue behind their lane's maxInFlight and can land after the healthy deliveries.
  await context.receivers.waitUntil(() => [...failedAttempts.values()].reduce((total, count) => total + count, 0) >= badRouted, 15_000);
  const attempts = plan.map((_, index) => failedAttempts.get(endpointPath(index)) ?? 0);
  return { result, badEndpoints: summarizeBadEndpoints(plan, routed, attempts) };
}
