import { Topics } from '@hookline/contracts';
import { MessageProducer } from '@hookline/messaging';
import { expectProblem, expectStatus, type AcceptedEvent, type TenantApi } from '../support/api-client';
import { createEventType, createSubscription, createTenant } from '../support/factories';
import { metricSum } from '../support/metrics';
import { Receiver } from '../support/receiver';
import { eventually, stack, testKafka } from '../support/stack';

const ingestUrl = () => stack().urls.ingest;
const ingested = () => metricSum(ingestUrl(), 'hookline_events_ingested_total', { origin: 'producer' });
const created = (status: string) => metricSum(ingestUrl(), 'hookline_deliveries_created_total', { status });
const rejected = (source: string, reason: string) => metricSum(ingestUrl(), 'hookline_events_rejected_total', { source, reason });
const duplicates = () => metricSum(ingestUrl(), 'hookline_events_duplicates_total');

/** Reads every counter twice, before and once it has moved by at least `by` (counters only grow). */
async function growth(read: () => Promise<number>, act: () => Promise<unknown>, by: number): Promise<number> {
  const before = await read();
  await act();
  return eventually(async () => {
    const grown = (await read()) - before;
    return grown >= by ? grown : undefined;
  });
}

/**
 * Ingest's own series (SPEC §8): events taken in and refused (REST and Kafka, by reason), duplicates,
 * and the deliveries fan-out created. Other specs run against the same ingest, so each check reads
 * the growth its own action caused, on label sets only it produces where it can.
 */
describe('ingest metrics', () => {
  const producer = new MessageProducer(testKafka('ingest-metrics-e2e'));
  let receiver: Receiver;
  let api: TenantApi;
  let type: string;

  beforeAll(async () => {
    receiver = await Receiver.start();
    api = await createTenant();
    type = (await createEventType(api)).name;
    await createSubscription(api, { url: receiver.url('/one'), eventTypes: [type] });
    await createSubscription(api, { url: receiver.url('/two'), eventTypes: [type] });
    const paused = await createSubscription(api, { url: receiver.url('/paused'), eventTypes: [type] });
    expectStatus(await api.registry.post(`/v1/subscriptions/${paused.id}/disable`), 200);
  });

  afterAll(async () => {
    await producer.disconnect();
    await receiver.close();
  });

  it('counts an accepted event and the deliveries it fanned out to, pending and held', async () => {
    const pendingBefore = await created('pending');
    const heldBefore = await created('held');
    expect(await growth(ingested, () => api.publish({ type, data: { n: 1 } }), 1)).toBeGreaterThanOrEqual(1);
    await receiver.waitFor(2);
    expect((await created('pending')) - pendingBefore).toBeGreaterThanOrEqual(2);
    expect((await created('held')) - heldBefore).toBeGreaterThanOrEqual(1);
  });

  it('counts a REST duplicate once, and no new event for it', async () => {
    const id = `metrics-${Date.now()}`;
    // The key is claimed when the first is accepted, so the second is a duplicate at once.
    expectStatus(await api.ingest.post<AcceptedEvent>('/v1/events', { type, id, data: {} }), 202);
    expect(await growth(duplicates, async () => expectStatus(await api.ingest.post<AcceptedEvent>('/v1/events', { type, id, data: {} }), 202), 1)).toBe(1);
  });

  it('counts REST refusals by problem code', async () => {
    const grown = await growth(
      () => rejected('rest', 'unknown_event_type'),
      async () => expectProblem(await api.ingest.post('/v1/events', { type: 'never.registered', data: {} }), 422),
      1,
    );
    expect(grown).toBeGreaterThanOrEqual(1);
    const batch = await growth(
      () => rejected('rest', 'validation'),
      async () => expectStatus(await api.ingest.post('/v1/events/batch', { events: [{ type, data: {} }, { type: 'bad type!', data: {} }] }), 202),
      1,
    );
    expect(batch).toBeGreaterThanOrEqual(1);
  });

  it('counts what the Kafka intake dead-letters, by reason', async () => {
    const grown = await growth(
      () => rejected('kafka', 'invalid_utf8'),
      () => producer.sendRaw(Topics.events, [{ key: 'metrics', value: Buffer.from([0xff, 0xfe, 0x01]) }]),
      1,
    );
    expect(grown).toBeGreaterThanOrEqual(1);
  });
});
