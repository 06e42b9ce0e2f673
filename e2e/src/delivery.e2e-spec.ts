import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { EventMessage, Topics } from '@hookline/contracts';
import { MessageProducer } from '@hookline/messaging';
import type { DeliveryView, TenantApi } from '../support/api-client';
import { createEventType, createSubscription, createTenant } from '../support/factories';
import { headerRecord, Receiver } from '../support/receiver';
import { eventually, restartService, testKafka } from '../support/stack';

/**
 * The delivery pipeline end to end: an event goes in (REST or a domain producer on Kafka), the matching
 * subscription's endpoint — a real HTTP server — receives the Standard Webhooks request of SPEC §5, and the
 * delivery log tells what happened.
 */
describe('delivering an event to a subscribed endpoint', () => {
  let receiver: Receiver;
  let api: TenantApi;
  let producer: MessageProducer;
  // One event type per test, all created before the first event is published: ingest caches the tenant's
  // catalog, and a type created right after an event was accepted is refused for a moment (see below).
  const typeKeys = ['spec', 'log', 'failing', 'chatty', 'hanging', 'refused', 'traced', 'kafka', 'nul', 'afterNul'] as const;
  let types: Record<(typeof typeKeys)[number], string>;

  beforeAll(async () => {
    receiver = await Receiver.start();
    api = await createTenant();
    producer = new MessageProducer(testKafka('delivery-e2e'));
    const names: [string, string][] = [];
    for (const key of typeKeys) names.push([key, (await createEventType(api, { name: `${key}_${randomUUID().slice(0, 8)}.happened` })).name]);
    types = Object.fromEntries(names) as typeof types;
  });

  afterAll(async () => {
    await producer.disconnect();
    await receiver.close();
  });

  beforeEach(() => receiver.answer({ status: 200, body: 'ok' }));

  /** The single delivery of a subscription once it reached `status`. */
  async function deliveryOf(subscriptionId: string, status: DeliveryView['status'], timeoutMs = 5000): Promise<DeliveryView> {
    return eventually(async () => {
      const deliveries = await api.deliveries({ subscriptionId });
      if (deliveries.length > 1) throw new Error(`expected one delivery, found ${deliveries.length}`);
      if (deliveries[0]?.status === status) return deliveries[0];
      throw new Error(`the delivery is ${deliveries[0]?.status ?? 'not there'}, expected ${status}`);
    }, timeoutMs);
  }

  describe('an event published over REST', () => {
    it('arrives as the SPEC request, signed so the official Standard Webhooks library verifies it', async () => {
      const subscription = await createSubscription(api, {
        url: receiver.url('/spec'),
        eventTypes: [types.spec],
        authorization: 'tok',
        headers: { 'X-Shop': 'north', 'X-Trace-Tag': 'e2e' },
      });
      // The API never shows the authorization value again, not even in the create answer.
      expect(subscription.authorization).toBe('Bearer ••••');
      expect((await api.subscription(subscription.id)).authorization).toBe('Bearer ••••');
      const occurredAt = '2026-11-23T10:00:00+02:00';
      const data = { orderId: 'o-1', total: 12.5, items: [{ sku: 'A-1', qty: 2 }], note: 'ünïcode ✓' };
      const sentAt = Math.floor(Date.now() / 1000);
      const accepted = await api.publish({ type: types.spec, data, occurredAt });
      expect(accepted).toEqual({ id: expect.stringMatching(/^evt_[0-9A-Z]{26}$/), type: types.spec, receivedAt: expect.any(String), duplicate: false });

      const [request] = await receiver.waitFor(1, { path: '/spec' });
      expect(request!.method).toBe('POST');
      const body = JSON.parse(request!.body) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['id', 'type', 'timestamp', 'data']);
      expect(body).toEqual({ id: accepted.id, type: types.spec, timestamp: expect.any(String), data });
      expect(new Date(body.timestamp as string).toISOString()).toBe(new Date(occurredAt).toISOString());

      const headers = request!.headers;
      expect(headers['content-type']).toBe('application/json');
      expect(headers['user-agent']).toBe('Hookline/0.1.0');
      expect(headers.authorization).toBe('Bearer tok');
      expect(headers['x-shop']).toBe('north');
      expect(headers['x-trace-tag']).toBe('e2e');
      expect(headers['webhook-id']).toMatch(/^dlv_[0-9A-Z]{26}$/);
      expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
      const timestamp = Number(headers['webhook-timestamp']);
      expect(Number.isInteger(timestamp)).toBe(true);
      expect(Math.abs(timestamp - sentAt)).toBeLessThanOrEqual(30);

      expect(new Webhook(subscription.secret).verify(request!.body, headerRecord(request!))).toEqual(body);
      const otherSecret = `whsec_${randomBytes(32).toString('base64')}`;
      expect(() => new Webhook(otherSecret).verify(request!.body, headerRecord(request!))).toThrow();
      // The signature covers the exact bytes: one changed byte fails verification.
      expect(() => new Webhook(subscription.secret).verify(request!.body.replace('o-1', 'o-2'), headerRecord(request!))).toThrow();

      const delivery = await deliveryOf(subscription.id, 'succeeded');
      expect(headers['webhook-id']).toBe(delivery.id);
      expect(delivery).toMatchObject({ eventId: accepted.id, eventType: types.spec, subscriptionId: subscription.id });
    });

    it('is logged as succeeded with one attempt holding the status and the body the endpoint answered', async () => {
      receiver.answer((request) => ({ status: 200, body: `thanks for ${String(request.headers['webhook-id'])}` }));
      const subscription = await createSubscription(api, { url: receiver.url('/log'), eventTypes: [types.log] });
      const accepted = await api.publish({ type: types.log, data: { orderId: 'o-2' } });
      await receiver.waitFor(1, { path: '/log' });

      const delivery = await deliveryOf(subscription.id, 'succeeded');
      expect(delivery).toMatchObject({ eventId: accepted.id, attemptCount: 1, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
      const detail = await api.delivery(delivery.id);
      expect(detail.attempts).toHaveLength(1);
      expect(detail.attempts[0]).toMatchObject({
        id: expect.stringMatching(/^att_[0-9A-Z]{26}$/),
        number: 1,
        statusCode: 200,
        error: null,
        responseBody: `thanks for ${delivery.id}`,
      });
      expect(detail.attempts[0]!.durationMs).toBeGreaterThanOrEqual(0);

      const event = await api.event(accepted.id);
      expect(event.deliveries).toEqual([expect.objectContaining({ id: delivery.id, subscriptionId: subscription.id, status: 'succeeded' })]);
    });

    it('is left retrying when the endpoint answers 500, with the status, the error and the body on the attempt', async () => {
      receiver.answer({ status: 500, body: 'database on fire' });
      const subscription = await createSubscription(api, { url: receiver.url('/failing'), eventTypes: [types.failing], retrySchedule: [600, 1200] });
      const accepted = await api.publish({ type: types.failing, data: { orderId: 'o-3' } });
      await receiver.waitFor(1, { path: '/failing' });

      const delivery = await deliveryOf(subscription.id, 'retrying');
      expect(delivery).toMatchObject({ eventId: accepted.id, attemptCount: 1, lastStatusCode: 500, lastError: expect.stringMatching(/^http_status/) });
      // The next attempt follows the subscription's schedule: 600 s ± 10 % jitter after this one.
      const delay = (Date.parse(delivery.nextAttemptAt!) - Date.now()) / 1000;
      expect(delay).toBeGreaterThan(600 * 0.9 - 30);
      expect(delay).toBeLessThanOrEqual(600 * 1.1);
      const [attempt] = (await api.delivery(delivery.id)).attempts;
      expect(attempt).toMatchObject({ number: 1, statusCode: 500, error: 'http_status: HTTP 500', responseBody: 'database on fire' });
    });

    it('keeps only the first 4096 bytes of a 10 KB answer', async () => {
      const answer = Array.from({ length: 10 * 1024 }, (_, index) => String.fromCharCode(97 + (index % 26))).join('');
      receiver.answer({ status: 500, body: answer });
      const subscription = await createSubscription(api, { url: receiver.url('/chatty'), eventTypes: [types.chatty] });
      await api.publish({ type: types.chatty, data: { orderId: 'o-4' } });
      await receiver.waitFor(1, { path: '/chatty' });

      const delivery = await deliveryOf(subscription.id, 'retrying');
      const [attempt] = (await api.delivery(delivery.id)).attempts;
      expect(attempt!.statusCode).toBe(500);
      expect(Buffer.byteLength(attempt!.responseBody!)).toBe(4096);
      expect(attempt!.responseBody).toBe(answer.slice(0, 4096));
    });

    it('cuts off an endpoint that does not answer within timeoutMs and leaves the delivery retrying', async () => {
      receiver.answer({ status: 200, hang: true });
      const subscription = await createSubscription(api, { url: receiver.url('/hanging'), eventTypes: [types.hanging], timeoutMs: 1000 });
      await api.publish({ type: types.hanging, data: { orderId: 'o-6' } });
      await receiver.waitFor(1, { path: '/hanging' });

      const delivery = await deliveryOf(subscription.id, 'retrying');
      expect(delivery).toMatchObject({ attemptCount: 1, lastStatusCode: null, lastError: expect.stringMatching(/^timeout/) });
      const [attempt] = (await api.delivery(delivery.id)).attempts;
      expect(attempt).toMatchObject({ statusCode: null, error: expect.stringMatching(/^timeout/), responseBody: null });
      expect(attempt!.durationMs).toBeGreaterThanOrEqual(1000);
      expect(attempt!.durationMs).toBeLessThan(3000);
    });

    it('records a refused connection as the attempt error', async () => {
      const closed = await Receiver.start();
      const url = closed.url('/gone');
      await closed.close();
      const subscription = await createSubscription(api, { url, eventTypes: [types.refused] });
      await api.publish({ type: types.refused, data: { orderId: 'o-7' } });

      const delivery = await deliveryOf(subscription.id, 'retrying');
      const [attempt] = (await api.delivery(delivery.id)).attempts;
      expect(attempt).toMatchObject({ number: 1, statusCode: null, error: expect.stringMatching(/^connection_refused/), responseBody: null });
    });

    // SPEC §5 lists `traceparent` of the delivery's trace among the request headers, and §8 traces an event
    // from ingest through Kafka to the outbound request.
    it('carries the W3C trace context of the publishing request through to the endpoint', async () => {
      const subscription = await createSubscription(api, { url: receiver.url('/traced'), eventTypes: [types.traced] });
      const traceId = randomBytes(16).toString('hex');
      await api.publish({ type: types.traced, data: { orderId: 'o-5' } }, { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` });
      const [request] = await receiver.waitFor(1, { path: '/traced' });
      await deliveryOf(subscription.id, 'succeeded');
      expect(request!.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[0-9a-f]$`));
    });
  });

  it('delivers an event a domain producer wrote to hookline.events.v1', async () => {
    const subscription = await createSubscription(api, { url: receiver.url('/kafka'), eventTypes: [types.kafka] });
    const producerId = `shipment-${randomUUID()}`;
    const data = { shipmentId: 's-1', carrier: 'post', parcels: 3 };
    const traceId = randomBytes(16).toString('hex');
    await producer.send(Topics.events, EventMessage, [
      {
        key: api.id,
        value: { tenantId: api.id, type: types.kafka, id: producerId, data, occurredAt: '2026-11-23T09:30:00Z' },
        headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      },
    ]);

    const [request] = await receiver.waitFor(1, { path: '/kafka' });
    const body = JSON.parse(request!.body) as { id: string; type: string; timestamp: string; data: unknown };
    expect(body).toEqual({ id: expect.stringMatching(/^evt_[0-9A-Z]{26}$/), type: types.kafka, timestamp: '2026-11-23T09:30:00.000Z', data });
    expect(new Webhook(subscription.secret).verify(request!.body, headerRecord(request!))).toEqual(body);
    expect(request!.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-`));

    const delivery = await deliveryOf(subscription.id, 'succeeded');
    expect(delivery).toMatchObject({ id: request!.headers['webhook-id'], eventId: body.id, eventType: types.kafka });
    expect(await api.event(body.id)).toMatchObject({ id: body.id, type: types.kafka, data, idempotencyKey: producerId });
  });

  // ingest caches each tenant's catalog; a type it has not seen is looked up again only once the cache is
  // a second old, so a type created right after an event of the same tenant was accepted is refused.
  it('accepts events of an event type as soon as the type was created', async () => {
    const tenant = await createTenant();
    const first = await createEventType(tenant);
    await tenant.publish({ type: first.name, data: {} });
    const created = await createEventType(tenant);
    const response = await tenant.ingest.post('/v1/events', { type: created.name, data: {} });
    expect({ status: response.status, body: response.body }).toEqual({ status: 202, body: expect.objectContaining({ type: created.name }) });
  });

  it('stores a produced event of an event type created a moment ago instead of dead-lettering it', async () => {
    const tenant = await createTenant();
    const first = await createEventType(tenant);
    await tenant.publish({ type: first.name, data: {} });
    const created = await createEventType(tenant);
    await producer.send(Topics.events, EventMessage, [{ key: tenant.id, value: { tenantId: tenant.id, type: created.name, data: { fresh: true } } }]);
    const stored = await eventually(async () => {
      const page = await tenant.ingest.get<{ data: { type: string }[] }>('/v1/events', { query: { type: created.name } });
      return page.body.data.length > 0 ? page.body.data : undefined;
    }, 6000).catch(() => []);
    expect(stored).toEqual([expect.objectContaining({ type: created.name, data: { fresh: true } })]);
  });

  describe('an endpoint answering with a NUL byte in its body', () => {
    let healthy = true;
    let stuck: string[] = [];

    // The attempt's `response_body` is a Postgres text column, which cannot hold U+0000. When storing
    // fails, the dispatcher's outcome recorder retries the same batch forever and every later outcome
    // queues behind it; restarting the dispatcher (with a clean answer this time) gets it going again.
    afterAll(async () => {
      if (healthy) return;
      receiver.answer({ status: 200, body: 'ok' });
      await restartService('dispatcher');
      // Back once the new process rejoined the consumer group and re-sent what was never recorded.
      for (const subscriptionId of stuck) await deliveryOf(subscriptionId, 'succeeded', 60000);
    });

    it('is recorded, and does not hold up the outcomes of later deliveries', async () => {
      const nul = await createSubscription(api, { url: receiver.url('/nul'), eventTypes: [types.nul] });
      const later = await createSubscription(api, { url: receiver.url('/after-nul'), eventTypes: [types.afterNul] });
      receiver.answer((request) => (request.path === '/nul' ? { status: 200, body: 'accepted\u0000' } : { status: 200, body: 'ok' }));
      stuck = [nul.id, later.id];
      await api.publish({ type: types.nul, data: { n: 1 } });
      await receiver.waitFor(1, { path: '/nul' });
      await api.publish({ type: types.afterNul, data: { n: 2 } });
      await receiver.waitFor(1, { path: '/after-nul' });
      try {
        const delivery = await deliveryOf(nul.id, 'succeeded', 6000);
        const [attempt] = (await api.delivery(delivery.id)).attempts;
        expect(attempt).toMatchObject({ statusCode: 200, responseBody: expect.stringMatching(/^accepted/) });
        await deliveryOf(later.id, 'succeeded', 5000);
      } catch (error) {
        const statuses = await Promise.all(stuck.map(async (subscriptionId) => (await api.deliveries({ subscriptionId }))[0]?.status));
        healthy = statuses.every((status) => status !== 'pending');
        throw error;
      }
    });
  });
});
