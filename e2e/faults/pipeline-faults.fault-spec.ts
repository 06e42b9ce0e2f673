import { ServiceNames, type ServiceName } from '@hookline/contracts';
import type { CreatedSubscription, TenantApi } from '../support/api-client';
import { tally, type Tally } from '../support/delivery-tally';
import { createEventTypes, createSubscription, createTenant } from '../support/factories';
import { postgresIsOurs, withDown } from '../support/infrastructure-faults';
import { traceMissingEvents } from '../support/missing-events';
import { Receiver } from '../support/receiver';
import { eventually, killService, stack, waitForRestart, withDatabase } from '../support/stack';
import { SteadyLoad, type StreamName } from '../support/steady-load';

/**
 * SPEC §7's promise under real faults: while a steady load runs, every service is SIGKILLed in turn,
 * the Kafka broker is killed and restarted, and Postgres is stopped without a checkpoint and restarted.
 * Afterwards every acknowledged event has reached every matching subscription (counted by event and
 * by `webhook-id` at the receivers), every delivery has ended `succeeded`, and the ordered subscription
 * saw its events in publish order. Duplicates are allowed (at least once) and reported.
 *
 * `HOOKLINE_FAULTS_PROFILE=full` (`npm run test:faults`) runs a heavier load, holds it longer after each
 * fault and takes Kafka and Postgres down both cleanly and as a crash; the short profile runs in `npm test`.
 */
const full = process.env.HOOKLINE_FAULTS_PROFILE === 'full';
const profile = full
  ? { eventsPerTick: 20, tickMs: 250, holdMs: 30_000, infraDownMs: 10_000, infraStops: ['crash', 'clean'] as const }
  : { eventsPerTick: 8, tickMs: 400, holdMs: 6_000, infraDownMs: 4_000, infraStops: ['crash'] as const };

/** Long enough that no delivery can go dead while a fault lasts; short first steps so recovery is quick. */
const retrySchedule = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface FaultRecord {
  fault: string;
  /** When the fault was injected. */
  at: string;
  /** Acknowledged events when the fault was injected. */
  atEvents: number;
  recoveredInMs: number;
}

describe(`faults under steady load (${full ? 'full' : 'short'} profile)`, () => {
  let receiver: Receiver;
  let api: TenantApi;
  let load: SteadyLoad;
  let types: Record<StreamName, string>;
  /** A type no subscription matches: if the broker takes a probe event after all, nobody is sent it. */
  let probeType: string;
  const subscriptions: Record<'all' | 'ordered' | 'batch', CreatedSubscription> = {} as never;
  const faults: FaultRecord[] = [];

  /** Which streams each endpoint subscribes to. */
  const routes: Record<keyof typeof subscriptions, StreamName[]> = {
    all: ['rest-batch', 'rest-ordered', 'kafka'],
    ordered: ['rest-ordered'],
    batch: ['rest-batch', 'kafka'],
  };

  beforeAll(async () => {
    receiver = await Receiver.start();
    api = await createTenant();
    const names = await createEventTypes(api, ['fault_batch', 'fault_ordered', 'fault_kafka', 'fault_probe']);
    probeType = names.fault_probe;
    types = { 'rest-batch': names.fault_batch, 'rest-ordered': names.fault_ordered, kafka: names.fault_kafka };
    subscriptions.all = await createSubscription(api, {
      url: receiver.url('/all'),
      eventTypes: Object.values(types),
      retrySchedule,
      timeoutMs: 5000,
    });
    subscriptions.ordered = await createSubscription(api, {
      url: receiver.url('/ordered'),
      eventTypes: [types['rest-ordered']],
      ordering: 'ordered',
      retrySchedule,
      timeoutMs: 5000,
    });
    subscriptions.batch = await createSubscription(api, {
      url: receiver.url('/batch'),
      eventTypes: [types['rest-batch'], types.kafka],
      policy: { mode: 'batch', maxBatchSize: 50, maxBatchWaitMs: 200 },
      retrySchedule,
      timeoutMs: 5000,
    });
    load = new SteadyLoad(api, { types, eventsPerTick: profile.eventsPerTick, tickMs: profile.tickMs });
    await load.start();
    await sleep(profile.holdMs);
  });

  afterAll(async () => {
    await load?.stop().catch(() => undefined);
    await receiver?.close();
  });

  /** Waits until every service answers /readyz again, then keeps the load running for the hold time. */
  async function recover(fault: string, atEvents: number, since: number): Promise<void> {
    await eventually(async () => {
      const current = stack();
      const ready = await Promise.all(ServiceNames.map(async (name) => (await fetch(`${current.urls[name]}/readyz`).catch(() => null))?.status === 200));
      return ready.every(Boolean) ? true : undefined;
    }, 120_000);
    faults.push({ fault, at: new Date(since).toISOString(), atEvents, recoveredInMs: Date.now() - since });
    await sleep(profile.holdMs);
  }

  it.each(ServiceNames.map((name) => [name]))('survives a SIGKILL of %s mid-load', async (name: ServiceName) => {
    const atEvents = load.total();
    const since = Date.now();
    const killedPid = killService(name);
    await waitForRestart(name, killedPid, 120_000);
    await recover(`kill -9 ${name}`, atEvents, since);
    expect(load.unexpected).toEqual([]);
  });

  it.each(profile.infraStops.map((how) => [how]))(
    'survives a Kafka broker stop (%s): ingest answers 503 problem+json meanwhile, not a hang or another 5xx',
    async (how) => {
      const atEvents = load.total();
      const since = Date.now();
      const probe = await withDown('kafka', how === 'crash', async () => {
        const started = Date.now();
        const response = await fetch(`${stack().urls.ingest}/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${api.tenant.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: probeType, data: {} }),
          signal: AbortSignal.timeout(30_000),
        });
        const answer = { status: response.status, contentType: response.headers.get('content-type'), body: await response.text(), tookMs: Date.now() - started };
        await sleep(profile.infraDownMs);
        return answer;
      });
      await recover(`Kafka ${how}`, atEvents, since);
      expect(probe.status).toBe(503);
      expect(probe.contentType).toMatch(/^application\/problem\+json/);
      console.log(`ingest answered ${probe.status} in ${probe.tookMs} ms while Kafka was down`);
      expect(load.unexpected).toEqual([]);
    },
  );

  it.each(profile.infraStops.map((how) => [how]))('survives a Postgres stop (%s)', async (how) => {
    if (!postgresIsOurs()) {
      console.log('Postgres is external (DATABASE_URL): not restarted');
      return;
    }
    const atEvents = load.total();
    const since = Date.now();
    const registryRead = await withDown('postgres', how === 'crash', async () => {
      const response = await fetch(`${stack().urls.registry}/v1/subscriptions`, {
        headers: { authorization: `Bearer ${api.tenant.apiKey}` },
        signal: AbortSignal.timeout(30_000),
      });
      const answer = { status: response.status, contentType: response.headers.get('content-type') };
      await sleep(profile.infraDownMs);
      return answer;
    });
    await recover(`Postgres ${how}`, atEvents, since);
    expect(registryRead).toEqual({ status: 503, contentType: expect.stringMatching(/^application\/problem\+json/) as unknown });
    expect(load.unexpected).toEqual([]);
  });

  it('has delivered every acknowledged event to every matching subscription, with nothing stuck', async () => {
    await load.stop();
    const accepted = load.accepted();
    const expectedFor = (endpoint: keyof typeof subscriptions) =>
      Object.fromEntries(routes[endpoint].map((stream) => [stream, accepted[stream]])) as Partial<Record<StreamName, number>>;
    const endpoints = Object.keys(subscriptions) as (keyof typeof subscriptions)[];
    const tallies = await eventually(async () => {
      const counted = Object.fromEntries(
        endpoints.map((endpoint) => [endpoint, tally(receiver.requestsTo(`/${endpoint}`), load.run, expectedFor(endpoint))]),
      ) as Record<keyof typeof subscriptions, Tally>;
      return endpoints.every((endpoint) => counted[endpoint].missingCount === 0) ? counted : undefined;
    }, 240_000).catch(async (error: Error) => {
      const results = endpoints.map((endpoint) => ({ endpoint, result: tally(receiver.requestsTo(`/${endpoint}`), load.run, expectedFor(endpoint)) }));
      const missing = [...new Set(results.flatMap(({ result }) => result.missing.slice(0, 5)))];
      const traces = await traceMissingEvents(api.id, load.run, missing).catch((traceError: Error) => [`(no trace: ${traceError.message})`]);
      throw new Error(
        [
          error.message,
          ...results.map(({ endpoint, result }) => `${endpoint}: ${result.missingCount} missing, e.g. ${result.missing.slice(0, 5).join(' ')}`),
          'where the missing events stopped:',
          ...traces,
          ...missing.map((mark) => {
            const [stream, seq] = mark.split(':') as [StreamName, string];
            return `${mark} was published: ${load.publishHistory(stream, Number(seq))}`;
          }),
          'faults:',
          ...faults.map((fault) => `  ${fault.fault} at ${fault.at} (${fault.atEvents} events acknowledged), ready again after ${fault.recoveredInMs} ms`),
        ].join('\n'),
      );
    });

    const statuses = await eventually(
      () =>
        withDatabase(async (db) => {
          const result = await db.query<{ subscription_id: string; status: string; n: number }>(
            'SELECT subscription_id, status, count(*)::int AS n FROM deliveries WHERE subscription_id = ANY($1) GROUP BY 1, 2',
            [endpoints.map((endpoint) => subscriptions[endpoint].id)],
          );
          const settled = result.rows.every((row) => row.status === 'succeeded');
          return settled ? result.rows : undefined;
        }),
      120_000,
    );
    const succeeded = (endpoint: keyof typeof subscriptions) =>
      statuses.find((row) => row.subscription_id === subscriptions[endpoint].id)?.n ?? 0;

    const total = (endpoint: keyof typeof subscriptions) => routes[endpoint].reduce((sum, stream) => sum + accepted[stream], 0);
    for (const endpoint of endpoints) {
      expect({ endpoint, missing: tallies[endpoint].missingCount, unexpected: tallies[endpoint].unexpected }).toEqual({ endpoint, missing: 0, unexpected: 0 });
    }
    // Simple mode: one delivery per (event, subscription), each arrived under its own webhook-id.
    expect(succeeded('all')).toBe(total('all'));
    expect(tallies.all.webhookIds).toBe(total('all'));
    expect(succeeded('ordered')).toBe(total('ordered'));
    expect(tallies.ordered.webhookIds).toBe(total('ordered'));
    expect(tallies.ordered.outOfOrder).toBe(0);
    expect(succeeded('batch')).toBe(total('batch'));


    const outcomes = Object.fromEntries(load.outcomes);
    console.log(
      [
        `fault suite (${full ? 'full' : 'short'}): ${load.total()} events acknowledged (${JSON.stringify(accepted)}), publish outcomes ${JSON.stringify(outcomes)}`,
        ...faults.map((fault) => `  ${fault.fault} at ${fault.atEvents} events: all services ready again after ${fault.recoveredInMs} ms`),
        ...endpoints.map((endpoint) => {
          const t = tallies[endpoint];
          return `  /${endpoint}: ${t.requests} requests, ${t.webhookIds} webhook-ids, events ${JSON.stringify(t.events)}, 0 missing, ${t.duplicateRequests} repeated request(s), ${t.duplicateEvents} duplicate event arrival(s)`;
        }),
      ].join('\n'),
    );
  });
});
