import { randomUUID } from 'node:crypto';
import { EventMessage, Topics } from '@hookline/contracts';
import { MessageProducer } from '@hookline/messaging';
import { expectStatus, type AcceptedEvent, type CreatedSubscription, type TenantApi } from '../support/api-client';
import { createEventType, createSubscription, createTenant } from '../support/factories';
import { Receiver, type ReceivedRequest } from '../support/receiver';
import { eventually, testKafka } from '../support/stack';

const bodyOf = (request: ReceivedRequest) => JSON.parse(request.body) as { id: string; data: unknown };

/**
 * Re-sending an event with the same `id` (or `Idempotency-Key`) within 24 h answers with the original id,
 * says `duplicate: true`, and creates no second delivery (SPEC §4).
 */
describe('idempotent event intake', () => {
  let receiver: Receiver;
  let api: TenantApi;
  let type: string;
  let subscription: CreatedSubscription;
  let producer: MessageProducer;

  beforeAll(async () => {
    receiver = await Receiver.start();
    api = await createTenant();
    type = (await createEventType(api)).name;
    // Ordered: one request at a time, in order, so a later event arriving proves the earlier ones are done.
    subscription = await createSubscription(api, { url: receiver.url('/idempotent'), eventTypes: [type], ordering: 'ordered' });
    producer = new MessageProducer(testKafka('idempotency-e2e'));
  });

  afterAll(async () => {
    await producer.disconnect();
    await receiver.close();
  });

  /** Publishes a marker event and waits for it: everything published before it has been fanned out and sent. */
  async function drain(): Promise<void> {
    const marker = await api.publish({ type, data: { marker: randomUUID() } });
    await receiver.waitFor(1, { filter: (request) => bodyOf(request).id === marker.id });
  }

  const requestsFor = (eventId: string) => receiver.requests.filter((request) => bodyOf(request).id === eventId);

  it('answers a re-sent `id` with the original event id and delivers it once', async () => {
    const id = `order-${randomUUID()}`;
    const first = await api.publish({ type, id, data: { amount: 1 } });
    const second = await api.publish({ type, id, data: { amount: 1 } });
    expect(first).toMatchObject({ id: expect.stringMatching(/^evt_/), type, duplicate: false });
    expect(second).toMatchObject({ id: first.id, type, duplicate: true });

    await drain();
    const third = await api.publish({ type, id, data: { amount: 1 } });
    expect(third).toEqual({ ...first, duplicate: true });
    await drain();
    expect(requestsFor(first.id)).toHaveLength(1);
    expect((await api.event(first.id)).deliveries).toEqual([expect.objectContaining({ subscriptionId: subscription.id })]);
  });

  it('treats the Idempotency-Key header like `id`, and keeps the first payload when a re-send differs', async () => {
    const key = `key-${randomUUID()}`;
    const first = await api.publish({ type, data: { version: 1 } }, { 'idempotency-key': key });
    const second = await api.publish({ type, data: { version: 2 } }, { 'idempotency-key': key });
    const viaBody = await api.publish({ type, id: key, data: { version: 3 } });
    expect(first.duplicate).toBe(false);
    expect(second).toMatchObject({ id: first.id, duplicate: true });
    expect(viaBody).toMatchObject({ id: first.id, duplicate: true });

    await drain();
    const requests = requestsFor(first.id);
    expect(requests).toHaveLength(1);
    expect(bodyOf(requests[0]!).data).toEqual({ version: 1 });
    const event = await eventually(async () => {
      const found = await api.event(first.id);
      return found.deliveries.every((delivery) => delivery.status === 'succeeded') ? found : undefined;
    });
    expect(event).toMatchObject({ data: { version: 1 }, deliveries: [expect.objectContaining({ subscriptionId: subscription.id })] });
  });

  it('knows an id first produced to Kafka when it is sent again over REST', async () => {
    const id = `kafka-${randomUUID()}`;
    await producer.send(Topics.events, EventMessage, [{ key: api.id, value: { tenantId: api.id, type, id, data: { from: 'kafka' } } }]);
    const [request] = await receiver.waitFor(1, { filter: (candidate) => (bodyOf(candidate).data as { from?: string }).from === 'kafka' });
    const stored = bodyOf(request!).id;

    const again = await api.publish({ type, id, data: { from: 'rest' } });
    expect(again).toMatchObject({ id: stored, duplicate: true });
    await drain();
    expect(requestsFor(stored)).toHaveLength(1);
  });

  it('reports each batch item on its own: a duplicate inside the batch, an invalid item, an unknown type', async () => {
    const id = `batch-${randomUUID()}`;
    const earlier = await api.publish({ type, id: `${id}-earlier`, data: { n: 0 } });
    const results = await api.publishBatch([
      { type, id, data: { n: 1 } },
      { type, id, data: { n: 2 } },
      { type: 'not a type!', data: {} },
      { type: 'no.such.type', data: {} },
      { type, data: { n: 4 } },
      { type, id: `${id}-earlier`, data: { n: 5 } },
      { type },
    ]);
    expect(results).toHaveLength(7);
    expect(results.map((result) => result.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const [original, duplicate, invalid, unknown, plain, seenBefore, missingData] = results;
    expect(original).toMatchObject({ id: expect.stringMatching(/^evt_/), type, duplicate: false });
    expect(duplicate).toMatchObject({ id: (original as AcceptedEvent).id, duplicate: true });
    expect(invalid).toEqual({
      index: 2,
      error: expect.objectContaining({ status: 422, type: 'urn:hookline:problem:validation', errors: [expect.objectContaining({ field: 'type' })] }),
    });
    expect(unknown).toEqual({
      index: 3,
      error: expect.objectContaining({ status: 422, type: 'urn:hookline:problem:unknown-event-type', errors: [expect.objectContaining({ field: 'type' })] }),
    });
    expect(plain).toMatchObject({ id: expect.stringMatching(/^evt_/), duplicate: false });
    expect(seenBefore).toMatchObject({ id: earlier.id, duplicate: true });
    expect(missingData).toEqual({ index: 6, error: expect.objectContaining({ status: 422, errors: [expect.objectContaining({ field: 'data' })] }) });

    await drain();
    const originalId = (original as AcceptedEvent).id;
    expect(requestsFor(originalId)).toHaveLength(1);
    expect(bodyOf(requestsFor(originalId)[0]!).data).toEqual({ n: 1 });
    expect(requestsFor((plain as AcceptedEvent).id)).toHaveLength(1);
    expect(requestsFor(earlier.id)).toHaveLength(1);

    // The whole batch again: every accepted item is a duplicate of itself.
    const again = await api.publishBatch([
      { type, id, data: { n: 1 } },
      { type, id: `${id}-earlier`, data: { n: 5 } },
    ]);
    expect(again).toEqual([
      expect.objectContaining({ index: 0, id: originalId, duplicate: true }),
      expect.objectContaining({ index: 1, id: earlier.id, duplicate: true }),
    ]);
  });

  // Concurrent re-sends race on claiming the key; every answer must still name the one event. The race is
  // run a number of times because a single round does not always hit the window.
  it('answers concurrent re-sends of one key with the same event id, and delivers it once', async () => {
    const rounds = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const id = `race-${randomUUID()}`;
        const answers = await Promise.all(
          Array.from({ length: 10 }, () => api.ingest.post<AcceptedEvent>('/v1/events', { type, id, data: { race: id } })),
        );
        return { id, accepted: answers.map((answer) => expectStatus(answer, 202)) };
      }),
    );
    for (const { accepted } of rounds) {
      const original = accepted.find((answer) => !answer.duplicate);
      expect(original?.id).toMatch(/^evt_[0-9A-Z]{26}$/);
      expect(accepted.filter((answer) => !answer.duplicate)).toHaveLength(1);
      expect(accepted.map((answer) => answer.id)).toEqual(accepted.map(() => original!.id));
    }
    await drain();
    for (const { id } of rounds) {
      expect(receiver.requests.filter((request) => (bodyOf(request).data as { race?: string }).race === id)).toHaveLength(1);
    }
  });
});
