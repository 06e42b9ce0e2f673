import { createBenchTenant } from './bench-tenant';
import { BenchEventProducer } from './event-producer';
import { measure, warmUp, type BenchContext, type ScenarioResult } from './measure';

export const FANOUT_SUBSCRIPTIONS = 50;
const FANOUT_TYPE = 'bench.fanout';

/**
 * `fanout` (SPEC §9): every event matches 50 subscriptions (one event type, 50 endpoints answering
 * 200 at once, default `maxInFlight`), offered at full speed by the Kafka producer.
 */
export async function runFanout(context: BenchContext, eventCount: number, firstSeq: number): Promise<ScenarioResult> {
  const tenant = await createBenchTenant(
    context.registryUrl,
    context.adminToken,
    'bench-fanout',
    Array.from({ length: FANOUT_SUBSCRIPTIONS }, (_, index) => ({ eventTypes: [FANOUT_TYPE], url: context.receivers.url(`/fanout/${index}`) })),
  );
  const events = new BenchEventProducer(context.producer, tenant.tenantId, [FANOUT_TYPE], context.runId, firstSeq);
  await warmUp(context, () => events.produce(20), (sequences) => sequences.length * FANOUT_SUBSCRIPTIONS);
  context.log(`fanout: ${eventCount} events at full speed × ${FANOUT_SUBSCRIPTIONS} subscriptions = ${eventCount * FANOUT_SUBSCRIPTIONS} deliveries`);
  return measure(context, events, {
    scenario: 'fanout',
    run: () => events.produce(eventCount),
    expected: (sequences) => sequences.length * FANOUT_SUBSCRIPTIONS,
    timeoutMs: 180_000,
  });
}
