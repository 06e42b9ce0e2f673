import { BuiltInEventTypes } from '@hookline/contracts';
import type { DeliveryView, TenantApi } from '../support/api-client';
import { createEventType, createSubscription, createTenant } from '../support/factories';
import { Receiver, type ReceivedRequest } from '../support/receiver';
import { eventually, killService, waitForRestart } from '../support/stack';

/**
 * Retries on the running stack: failed attempts come back on the subscription's schedule through the
 * retry scheduler (due times in Postgres), `Retry-After` is honoured, redirects and timeouts are failures,
 * an exhausted schedule ends `dead` with a `hookline.delivery.dead` event, and a killed scheduler loses
 * no pending retry.
 */
describe('retries', () => {
  let receiver: Receiver;
  let api: TenantApi;

  beforeAll(async () => {
    receiver = await Receiver.start();
    api = await createTenant();
  });

  afterAll(async () => {
    await receiver.close();
  });

  async function newType(): Promise<string> {
    return (await createEventType(api)).name;
  }

  async function deliveryReaching(subscriptionId: string, status: DeliveryView['status'], timeoutMs = 15000): Promise<DeliveryView> {
    return eventually(async () => {
      const [delivery] = await api.deliveries({ subscriptionId });
      return delivery?.status === status ? delivery : undefined;
    }, timeoutMs);
  }

  const gaps = (requests: readonly ReceivedRequest[]) => requests.slice(1).map((request, index) => request.receivedAt - requests[index]!.receivedAt);

  it('retries on the schedule, with the same webhook-id, until the schedule is used up; then dead with an operational event', async () => {
    const type = await newType();
    const failing = await createSubscription(api, { url: receiver.url('/schedule'), eventTypes: [type], retrySchedule: [1, 2] });
    const alerts = await createSubscription(api, { url: receiver.url('/alerts'), eventTypes: [BuiltInEventTypes.deliveryDead] });
    receiver.answer((request) => (request.path === '/schedule' ? { status: 500, body: 'down' } : { status: 200 }));
    const event = await api.publish({ type, data: { n: 1 } });

    const requests = await receiver.waitFor(3, { path: '/schedule', timeoutMs: 20000 });
    const dead = await deliveryReaching(failing.id, 'dead');
    expect(dead.attemptCount).toBe(3);
    expect(new Set(requests.map((request) => request.headers['webhook-id']))).toEqual(new Set([dead.id]));
    // 1 s then 2 s (±10 % jitter), plus at most a scheduler poll and a trip through Kafka.
    const [first, second] = gaps(requests);
    expect(first).toBeGreaterThanOrEqual(900);
    expect(first).toBeLessThan(2000);
    expect(second).toBeGreaterThanOrEqual(1800);
    expect(second).toBeLessThan(3200);
    const detail = await api.delivery(dead.id);
    expect(detail.attempts.map((attempt) => [attempt.number, attempt.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
    ]);

    const [alert] = await receiver.waitFor(1, { path: '/alerts', timeoutMs: 15000 });
    const body = JSON.parse(alert!.body) as { type: string; data: Record<string, unknown> };
    expect(body.type).toBe(BuiltInEventTypes.deliveryDead);
    expect(body.data).toMatchObject({
      deliveryId: dead.id,
      subscriptionId: failing.id,
      eventId: event.id,
      eventType: type,
      attemptCount: 3,
      lastStatusCode: 500,
    });
    expect(alerts.id).toBeDefined();
    // Nothing else was sent after the death: three attempts, no fourth.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.requestsTo('/schedule')).toHaveLength(3);
  });

  it('waits at least as long as a 429 Retry-After asks', async () => {
    const type = await newType();
    const subscription = await createSubscription(api, { url: receiver.url('/busy'), eventTypes: [type], retrySchedule: [1] });
    receiver.answer((request) =>
      request.path === '/busy' && receiver.requestsTo('/busy').length <= 1 ? { status: 429, headers: { 'retry-after': '3' } } : { status: 200 },
    );
    await api.publish({ type, data: {} });
    const requests = await receiver.waitFor(2, { path: '/busy', timeoutMs: 15000 });
    expect(gaps(requests)[0]).toBeGreaterThanOrEqual(2900);
    const delivery = await deliveryReaching(subscription.id, 'succeeded');
    expect(delivery.attemptCount).toBe(2);
  });

  it('counts a redirect as a failure and never follows it', async () => {
    const type = await newType();
    const subscription = await createSubscription(api, { url: receiver.url('/moved'), eventTypes: [type], retrySchedule: [1] });
    receiver.answer((request) =>
      request.path === '/moved' && receiver.requestsTo('/moved').length <= 1
        ? { status: 302, headers: { location: receiver.url('/elsewhere') } }
        : { status: 200 },
    );
    await api.publish({ type, data: {} });
    const delivery = await deliveryReaching(subscription.id, 'succeeded');
    const detail = await api.delivery(delivery.id);
    expect(detail.attempts.map((attempt) => attempt.statusCode)).toEqual([302, 200]);
    expect(detail.attempts[0]!.error).toMatch(/^http_status/);
    expect(receiver.requestsTo('/elsewhere')).toHaveLength(0);
  });

  it('retries a request that timed out', async () => {
    const type = await newType();
    const subscription = await createSubscription(api, { url: receiver.url('/slow'), eventTypes: [type], retrySchedule: [1], timeoutMs: 1000 });
    receiver.answer((request) => (request.path === '/slow' && receiver.requestsTo('/slow').length <= 1 ? { status: 200, hang: true } : { status: 200 }));
    await api.publish({ type, data: {} });
    const delivery = await deliveryReaching(subscription.id, 'succeeded');
    const detail = await api.delivery(delivery.id);
    expect(detail.attempts).toHaveLength(2);
    expect(detail.attempts[0]!.error).toMatch(/^timeout/);
    expect(detail.attempts[0]!.durationMs).toBeGreaterThanOrEqual(950);
  });

  it('loses no pending retry when the scheduler is killed with -9', async () => {
    const type = await newType();
    const subscription = await createSubscription(api, { url: receiver.url('/pending'), eventTypes: [type], retrySchedule: [3] });
    const failedOnce = new Set<string>();
    receiver.answer((request) => {
      if (request.path !== '/pending') return { status: 200 };
      const id = String(request.headers['webhook-id']);
      if (failedOnce.has(id)) return { status: 200 };
      failedOnce.add(id);
      return { status: 503 };
    });
    const count = 20;
    await api.publishBatch(Array.from({ length: count }, (_, n) => ({ type, data: { n } })));
    await api.waitForDeliveries(subscription.id, count, 'retrying', 15000);

    const killed = killService('retry-scheduler');
    await waitForRestart('retry-scheduler', killed);

    await api.waitForDeliveries(subscription.id, count, 'succeeded', 30000);
    const ids = new Set(receiver.requestsTo('/pending').map((request) => String(request.headers['webhook-id'])));
    expect(ids.size).toBe(count);
  });
});
