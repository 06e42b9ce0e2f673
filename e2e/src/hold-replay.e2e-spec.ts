import {
  expectProblem,
  expectStatus,
  type AcceptedEvent,
  type DeliveryView,
  type DeliveryWithAttempts,
  type SubscriptionView,
  type TenantApi,
} from '../support/api-client';
import { createEventTypes, createSubscription, createTenant } from '../support/factories';
import { distinctWebhookIds, Receiver, type ReceivedRequest } from '../support/receiver';
import { eventually, withDatabase } from '../support/stack';

interface EventBody {
  id: string;
  type: string;
  data: { n: number };
}

const eventOf = (request: ReceivedRequest) => JSON.parse(request.body) as EventBody;
const ids = (deliveries: readonly DeliveryView[]) => new Set(deliveries.map((delivery) => delivery.id));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sending again what was not sent (SPEC §3, §5): a paused subscription's deliveries are held and go out
 * when it is enabled (in order for `ordered`), replay re-sends a window of dead, held and failed
 * deliveries, retry re-sends one delivery, and deleting a subscription cancels what it still had.
 * Queued deliveries reach the endpoint through the retry scheduler, with the `webhook-id` they had.
 */
describe('holding, replaying and retrying deliveries', () => {
  let receiver: Receiver;
  let api: TenantApi;
  let other: TenantApi;
  // One event type per test, all created before the first event is published (see createEventTypes).
  const typeKeys = ['held', 'ordered', 'dead', 'failed', 'quiet', 'again', 'twice', 'paused', 'foreign', 'doomed', 'blocked'] as const;
  let types: Record<(typeof typeKeys)[number], string>;

  beforeAll(async () => {
    receiver = await Receiver.start();
    [api, other] = await Promise.all([createTenant(), createTenant()]);
    types = await createEventTypes(api, typeKeys);
  });

  afterAll(async () => {
    await receiver.close();
  });

  beforeEach(() => receiver.answer({ status: 200, body: 'ok' }));

  async function setStatus(subscriptionId: string, action: 'enable' | 'disable'): Promise<SubscriptionView> {
    return expectStatus(await api.registry.post<SubscriptionView>(`/v1/subscriptions/${subscriptionId}/${action}`), 200);
  }

  const replay = (subscriptionId: string, body: unknown, as: TenantApi = api) =>
    as.registry.post<{ queued: number }>(`/v1/subscriptions/${subscriptionId}/replay`, body);

  const retry = (deliveryId: string, as: TenantApi = api) => as.registry.post<DeliveryWithAttempts>(`/v1/deliveries/${deliveryId}/retry`);

  /**
   * Publishes events one at a time, each only once its delivery is stored `held`. Deliveries are queued
   * in id order, and ids sort by creation time only to the millisecond: deliveries fanned out together
   * could come out in any order.
   */
  async function publishHeld(subscriptionId: string, type: string, count: number): Promise<AcceptedEvent[]> {
    const events: AcceptedEvent[] = [];
    for (let n = 0; n < count; n++) {
      events.push(await api.publish({ type, data: { n } }));
      await api.waitForDeliveries(subscriptionId, n + 1, 'held');
    }
    return events;
  }

  describe('a paused subscription', () => {
    it('holds the deliveries of new events and sends every one of them once enabled', async () => {
      const subscription = await createSubscription(api, { url: receiver.url('/held'), eventTypes: [types.held] });
      expect(await setStatus(subscription.id, 'disable')).toMatchObject({ status: 'disabled' });
      await api.publishBatch([0, 1, 2, 3].map((n) => ({ type: types.held, data: { n } })));
      const held = await api.waitForDeliveries(subscription.id, 4, 'held');
      expect(held.every((delivery) => delivery.attemptCount === 0 && delivery.nextAttemptAt === null)).toBe(true);
      expect(receiver.requestsTo('/held')).toEqual([]);

      expect(await setStatus(subscription.id, 'enable')).toMatchObject({ status: 'enabled', disabledAt: null, disabledReason: null });

      const requests = await receiver.waitFor(4, { path: '/held', timeoutMs: 15000 });
      expect(distinctWebhookIds(requests)).toEqual(ids(held));
      const sent = await api.waitForDeliveries(subscription.id, 4, 'succeeded', 10000);
      expect(sent.map((delivery) => delivery.attemptCount)).toEqual([1, 1, 1, 1]);
      expect(receiver.requestsTo('/held')).toHaveLength(4);
    });

    it('sends the held deliveries of an ordered subscription in the order of their events', async () => {
      const subscription = await createSubscription(api, { url: receiver.url('/ordered'), eventTypes: [types.ordered], ordering: 'ordered' });
      await setStatus(subscription.id, 'disable');
      const count = 6;
      const events = await publishHeld(subscription.id, types.ordered, count);
      expect(receiver.requestsTo('/ordered')).toEqual([]);

      await setStatus(subscription.id, 'enable');

      const requests = await receiver.waitFor(count, { path: '/ordered', timeoutMs: 20000 });
      expect(requests.map((request) => eventOf(request).id)).toEqual(events.map((event) => event.id));
      await api.waitForDeliveries(subscription.id, count, 'succeeded', 10000);
      expect(receiver.requestsTo('/ordered')).toHaveLength(count);
    });
  });

  describe('replay', () => {
    it('sends dead deliveries again, with the same webhook-id, once asked to and the endpoint is back', async () => {
      const since = new Date(Date.now() - 60_000).toISOString();
      const subscription = await createSubscription(api, { url: receiver.url('/dead'), eventTypes: [types.dead], retrySchedule: [1] });
      receiver.answer((request) => (request.path === '/dead' ? { status: 500, body: 'down' } : { status: 200 }));
      await api.publishBatch([0, 1, 2].map((n) => ({ type: types.dead, data: { n } })));
      const dead = await api.waitForDeliveries(subscription.id, 3, 'dead', 20000);
      expect(dead.map((delivery) => delivery.attemptCount)).toEqual([2, 2, 2]);
      expect(receiver.requestsTo('/dead')).toHaveLength(6);

      // Replay only sends through an enabled subscription; enabling it does not touch dead deliveries.
      await setStatus(subscription.id, 'disable');
      const refused = expectProblem(await replay(subscription.id, { since }), 409);
      expect(refused.detail).toMatch(/enable it first/);
      await setStatus(subscription.id, 'enable');
      receiver.answer({ status: 200, body: 'back' });

      // Other statuses, or a window that ends before the events, match none of them.
      expect(expectStatus(await replay(subscription.id, { since, statuses: ['held', 'failed'] }), 202)).toEqual({ queued: 0 });
      expect(expectStatus(await replay(subscription.id, { since, until: new Date(Date.parse(since) + 30_000).toISOString() }), 202)).toEqual({
        queued: 0,
      });
      expect(await api.deliveries({ subscriptionId: subscription.id, status: 'dead' })).toHaveLength(3);

      expect(expectStatus(await replay(subscription.id, { since }), 202)).toEqual({ queued: 3 });

      const requests = await receiver.waitFor(9, { path: '/dead', timeoutMs: 15000 });
      expect(distinctWebhookIds(requests.slice(6))).toEqual(ids(dead));
      const succeeded = await api.waitForDeliveries(subscription.id, 3, 'succeeded', 10000);
      expect(succeeded.map((delivery) => delivery.attemptCount)).toEqual([3, 3, 3]);
      const detail = await api.delivery(dead[0]!.id);
      expect(detail.attempts.map((attempt) => [attempt.number, attempt.statusCode])).toEqual([
        [1, 500],
        [2, 500],
        [3, 200],
      ]);
      // What was replayed is no longer dead: a second replay finds nothing.
      expect(expectStatus(await replay(subscription.id, { since }), 202)).toEqual({ queued: 0 });
      await pause(1000);
      expect(receiver.requestsTo('/dead')).toHaveLength(9);
    });

    it('sends a failed delivery now instead of at its next due time', async () => {
      const since = new Date(Date.now() - 60_000).toISOString();
      const subscription = await createSubscription(api, { url: receiver.url('/failed'), eventTypes: [types.failed], retrySchedule: [3600] });
      receiver.answer((request) => (request.path === '/failed' && receiver.requestsTo('/failed').length <= 1 ? { status: 503 } : { status: 200 }));
      await api.publish({ type: types.failed, data: { n: 0 } });
      const [waiting] = await api.waitForDeliveries(subscription.id, 1, 'retrying');
      expect(Date.parse(waiting!.nextAttemptAt!)).toBeGreaterThan(Date.now() + 600_000);

      expect(expectStatus(await replay(subscription.id, { since, statuses: ['failed'] }), 202)).toEqual({ queued: 1 });

      const requests = await receiver.waitFor(2, { path: '/failed', timeoutMs: 15000 });
      expect(requests.map((request) => request.headers['webhook-id'])).toEqual([waiting!.id, waiting!.id]);
      const [delivery] = await api.waitForDeliveries(subscription.id, 1, 'succeeded');
      expect(delivery).toMatchObject({ attemptCount: 2, nextAttemptAt: null, lastStatusCode: 200 });
    });

    describe('refuses a bad body with 422 naming the field', () => {
      let subscriptionId: string;
      const since = '2026-11-23T10:00:00Z';

      beforeAll(async () => {
        subscriptionId = (await createSubscription(api, { url: receiver.url('/replay-input'), eventTypes: [types.quiet] })).id;
      });

      it.each<[string, unknown, string]>([
        ['no body', undefined, 'since'],
        ['no since', { statuses: ['dead'] }, 'since'],
        ['a since that is not a time', { since: 'yesterday' }, 'since'],
        ['a since without an offset', { since: '2026-11-23T10:00:00' }, 'since'],
        ['an until before since', { since, until: '2026-11-23T09:00:00Z' }, 'until'],
        ['an until that is not a time', { since, until: 42 }, 'until'],
        ['empty statuses', { since, statuses: [] }, 'statuses'],
        ['a status that cannot be replayed', { since, statuses: ['dead', 'succeeded'] }, 'statuses.1'],
        ['a status named twice', { since, statuses: ['dead', 'dead'] }, 'statuses'],
        ['an unknown field', { since, subscriptionId: 'sub_x' }, 'subscriptionId'],
      ])('%s', async (_case, body, field) => {
        const problem = expectProblem(await replay(subscriptionId, body), 422);
        expect(problem.errors).toEqual([{ field, message: expect.any(String) }]);
      });
    });

    it("answers 404 for another tenant's subscription and for a deleted one", async () => {
      const since = new Date(Date.now() - 60_000).toISOString();
      const subscription = await createSubscription(api, { url: receiver.url('/replay-404'), eventTypes: [types.quiet] });
      expectProblem(await replay(subscription.id, { since }, other), 404);
      expectStatus(await api.registry.delete(`/v1/subscriptions/${subscription.id}`), 204);
      expectProblem(await replay(subscription.id, { since }), 404);
    });
  });

  describe('retrying one delivery', () => {
    it('sends a succeeded delivery again with the same webhook-id and body, as a second attempt', async () => {
      const subscription = await createSubscription(api, { url: receiver.url('/again'), eventTypes: [types.again] });
      await api.publish({ type: types.again, data: { n: 0 } });
      const [delivery] = await api.waitForDeliveries(subscription.id, 1, 'succeeded');
      const [first] = await receiver.waitFor(1, { path: '/again' });

      const accepted = expectStatus(await retry(delivery!.id), 202);
      expect(accepted).toMatchObject({ id: delivery!.id, eventId: delivery!.eventId, status: 'pending', nextAttemptAt: null, attemptCount: 1 });
      expect(accepted.attempts).toEqual([expect.objectContaining({ number: 1, statusCode: 200 })]);

      const [, again] = await receiver.waitFor(2, { path: '/again', timeoutMs: 15000 });
      expect(again!.headers['webhook-id']).toBe(delivery!.id);
      expect(again!.body).toBe(first!.body);
      const detail = await eventually(async () => {
        const current = await api.delivery(delivery!.id);
        return current.status === 'succeeded' && current.attemptCount === 2 ? current : undefined;
      }, 10000);
      expect(detail.attempts.map((attempt) => [attempt.number, attempt.statusCode])).toEqual([
        [1, 200],
        [2, 200],
      ]);
    });

    it('queues a delivery once when it is retried twice at the same time', async () => {
      const subscription = await createSubscription(api, { url: receiver.url('/twice'), eventTypes: [types.twice] });
      await api.publish({ type: types.twice, data: { n: 0 } });
      const [delivery] = await api.waitForDeliveries(subscription.id, 1, 'succeeded');
      // A slow answer keeps the retried delivery `pending` well past both requests.
      receiver.answer((request) => (request.path === '/twice' ? { status: 200, delayMs: 1000 } : { status: 200 }));

      const answers = await Promise.all([retry(delivery!.id), retry(delivery!.id)]);

      expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409]);
      expect(expectProblem(answers.find((answer) => answer.status === 409)!, 409).detail).toMatch(/already on its way/);
      await receiver.waitFor(2, { path: '/twice', timeoutMs: 15000 });
      await eventually(async () => ((await api.delivery(delivery!.id)).attemptCount === 2 ? true : undefined), 10000);
      await pause(1000);
      expect(receiver.requestsTo('/twice')).toHaveLength(2);
    });

    it('refuses a held delivery with 409, and a cancelled one once its subscription is deleted', async () => {
      const subscription = await createSubscription(api, { url: receiver.url('/paused'), eventTypes: [types.paused] });
      await setStatus(subscription.id, 'disable');
      await api.publish({ type: types.paused, data: { n: 0 } });
      const [held] = await api.waitForDeliveries(subscription.id, 1, 'held');

      expect(expectProblem(await retry(held!.id), 409).detail).toMatch(/held/);
      expectStatus(await api.registry.delete(`/v1/subscriptions/${subscription.id}`), 204);
      expectProblem(await retry(held!.id), 409);
      expect(await api.delivery(held!.id)).toMatchObject({ status: 'cancelled', attemptCount: 0 });
      expect(receiver.requestsTo('/paused')).toEqual([]);
    });

    it("answers 404 for another tenant's delivery and an unknown one", async () => {
      const subscription = await createSubscription(api, { url: receiver.url('/foreign'), eventTypes: [types.foreign] });
      await api.publish({ type: types.foreign, data: { n: 0 } });
      const [delivery] = await api.waitForDeliveries(subscription.id, 1, 'succeeded');
      expectProblem(await retry(delivery!.id, other), 404);
      expectProblem(await retry('dlv_01KAW2Z3B4C5D6E7F8G9H0JKMN'), 404);
      expect(await api.delivery(delivery!.id)).toMatchObject({ status: 'succeeded', attemptCount: 1 });
    });
  });

  describe('deleting a subscription', () => {
    async function queueState(subscriptionId: string): Promise<{ status: string; queued: boolean }[]> {
      return withDatabase(async (db) => {
        const result = await db.query<{ status: string; queued: boolean }>(
          `SELECT status, (queue_seq IS NOT NULL OR released_at IS NOT NULL) AS queued FROM deliveries WHERE subscription_id = $1 ORDER BY id`,
          [subscriptionId],
        );
        return result.rows;
      });
    }

    it('cancels the held deliveries of a disabled subscription', async () => {
      const subscription = await createSubscription(api, { url: receiver.url('/doomed'), eventTypes: [types.doomed] });
      await setStatus(subscription.id, 'disable');
      await api.publishBatch([0, 1].map((n) => ({ type: types.doomed, data: { n } })));
      const held = await api.waitForDeliveries(subscription.id, 2, 'held');

      expectStatus(await api.registry.delete(`/v1/subscriptions/${subscription.id}`), 204);

      for (const delivery of held) expect(await api.delivery(delivery.id)).toMatchObject({ status: 'cancelled', attemptCount: 0 });
      expect(await queueState(subscription.id)).toEqual([
        { status: 'cancelled', queued: false },
        { status: 'cancelled', queued: false },
      ]);
      expect(receiver.requestsTo('/doomed')).toEqual([]);
    });

    it("takes a deleted ordered subscription's waiting deliveries out of its queue", async () => {
      const subscription = await createSubscription(api, {
        url: receiver.url('/blocked'),
        eventTypes: [types.blocked],
        ordering: 'ordered',
        retrySchedule: [3600],
      });
      receiver.answer((request) => (request.path === '/blocked' ? { status: 500 } : { status: 200 }));
      await api.publishBatch([0, 1, 2].map((n) => ({ type: types.blocked, data: { n } })));
      await receiver.waitFor(1, { path: '/blocked' });
      // The first failed and waits an hour; the others wait behind it in the subscription's queue.
      await eventually(async () => {
        const deliveries = await api.deliveries({ subscriptionId: subscription.id });
        if (deliveries.length !== 3 || !deliveries.some((delivery) => delivery.status === 'retrying')) return undefined;
        return (await queueState(subscription.id)).some((row) => row.queued) ? true : undefined;
      }, 10000);

      expectStatus(await api.registry.delete(`/v1/subscriptions/${subscription.id}`), 204);

      expect(await queueState(subscription.id)).toEqual([0, 1, 2].map(() => ({ status: 'cancelled', queued: false })));
      await pause(1500);
      expect(receiver.requestsTo('/blocked')).toHaveLength(1);
    });
  });
});
