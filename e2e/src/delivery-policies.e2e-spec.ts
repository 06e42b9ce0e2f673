import { Webhook } from 'standardwebhooks';
import type { TenantApi } from '../support/api-client';
import { createEventType, createSubscription, createTenant } from '../support/factories';
import { metricSum } from '../support/metrics';
import { headerRecord, Receiver, type ReceivedRequest } from '../support/receiver';
import { eventually, startReplica } from '../support/stack';

interface EventBody {
  id: string;
  type: string;
  data: { n: number };
}

interface BatchBody {
  type: 'batch';
  timestamp: string;
  data: EventBody[];
}

const eventOf = (request: ReceivedRequest) => JSON.parse(request.body) as EventBody;

/** Attempts a dispatcher process made, from its own /metrics. */
const attemptsMadeBy = (url: string): Promise<number> => metricSum(url, 'hookline_delivery_attempts_total');

/** The most requests that started within any `windowMs`, as the receiver saw them. */
function busiestWindow(requests: readonly ReceivedRequest[], windowMs: number): number {
  const times = requests.map((request) => request.receivedAt).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < times.length; i++) most = Math.max(most, times.filter((time) => time >= times[i]! && time < times[i]! + windowMs).length);
  return most;
}

/** What users choose per webhook (SPEC §3): ordering, batching, a rate cap — observed at real receivers. */
describe('delivery policies', () => {
  let receiver: Receiver;
  let api: TenantApi;

  beforeAll(async () => {
    receiver = await Receiver.start();
    api = await createTenant();
  });

  afterAll(async () => {
    await receiver.close();
  });

  const newType = async () => (await createEventType(api)).name;

  describe('ordering', () => {
    it('ordered: a failing delivery blocks the ones after it until it succeeds, then all follow in order', async () => {
      const type = await newType();
      const subscription = await createSubscription(api, {
        url: receiver.url('/ordered'),
        eventTypes: [type],
        ordering: 'ordered',
        retrySchedule: [1, 1, 1],
      });
      // The first event fails twice before it is accepted.
      receiver.answer((request) =>
        request.path === '/ordered' && eventOf(request).data.n === 0 && receiver.requestsTo('/ordered').length <= 2 ? { status: 500 } : { status: 200 },
      );
      const count = 8;
      for (let n = 0; n < count; n++) await api.publish({ type, data: { n } });
      await api.waitForDeliveries(subscription.id, count, 'succeeded', 30000);

      const sequence = receiver.requestsTo('/ordered').map((request) => eventOf(request).data.n);
      expect(sequence).toEqual([0, 0, 0, 1, 2, 3, 4, 5, 6, 7]);
    });

    it('unordered: a failing delivery does not hold the others back', async () => {
      const type = await newType();
      await createSubscription(api, { url: receiver.url('/unordered'), eventTypes: [type], retrySchedule: [1] });
      receiver.answer((request) =>
        request.path === '/unordered' && eventOf(request).data.n === 0 && receiver.requestsTo('/unordered').length <= 1 ? { status: 500 } : { status: 200 },
      );
      for (let n = 0; n < 4; n++) await api.publish({ type, data: { n } });
      const requests = await receiver.waitFor(5, { path: '/unordered', timeoutMs: 15000 });
      expect(requests.slice(1, 4).map((request) => eventOf(request).data.n)).toEqual([1, 2, 3]);
      expect(eventOf(requests[4]!).data.n).toBe(0);
    });
  });

  describe('batch policy', () => {
    it('groups events into signed batch requests of at most maxBatchSize, each event once', async () => {
      const type = await newType();
      const subscription = await createSubscription(api, {
        url: receiver.url('/batched'),
        eventTypes: [type],
        policy: { mode: 'batch', maxBatchSize: 10, maxBatchWaitMs: 500 },
      });
      receiver.answer({ status: 200 });
      const count = 25;
      await api.publishBatch(Array.from({ length: count }, (_, n) => ({ type, data: { n } })));
      await api.waitForDeliveries(subscription.id, count, 'succeeded', 15000);

      const requests = receiver.requestsTo('/batched');
      const events: number[] = [];
      for (const request of requests) {
        const body = new Webhook(subscription.secret).verify(request.body, headerRecord(request)) as BatchBody;
        expect(request.headers['webhook-id']).toMatch(/^bat_[0-9A-Z]{26}$/);
        expect(body.type).toBe('batch');
        expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);
        expect(body.data.length).toBeLessThanOrEqual(10);
        for (const event of body.data) {
          expect(event).toEqual({ id: expect.stringMatching(/^evt_/), type, timestamp: expect.any(String), data: { n: expect.any(Number) } });
          events.push(event.data.n);
        }
      }
      expect(requests.length).toBeGreaterThanOrEqual(3);
      expect(events.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, n) => n));
    });

    it('retries a failed batch as a unit: same webhook-id, same body', async () => {
      const type = await newType();
      const subscription = await createSubscription(api, {
        url: receiver.url('/batch-retry'),
        eventTypes: [type],
        policy: { mode: 'batch', maxBatchSize: 5, maxBatchWaitMs: 300 },
        retrySchedule: [1],
      });
      receiver.answer((request) => (request.path === '/batch-retry' && receiver.requestsTo('/batch-retry').length <= 1 ? { status: 500 } : { status: 200 }));
      await api.publishBatch(Array.from({ length: 5 }, (_, n) => ({ type, data: { n } })));
      await api.waitForDeliveries(subscription.id, 5, 'succeeded', 15000);

      const [failed, retried, ...rest] = receiver.requestsTo('/batch-retry');
      expect(rest).toHaveLength(0);
      expect(retried!.headers['webhook-id']).toBe(failed!.headers['webhook-id']);
      expect(retried!.body).toBe(failed!.body);
      expect((JSON.parse(failed!.body) as BatchBody).data).toHaveLength(5);
      const delivery = await api.delivery((await api.deliveries({ subscriptionId: subscription.id }))[0]!.id);
      expect(delivery.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 200]);
    });
  });

  describe('rate limit', () => {
    it('never sends more than rateLimitPerSecond requests in any second', async () => {
      const type = await newType();
      const subscription = await createSubscription(api, { url: receiver.url('/capped'), eventTypes: [type], rateLimitPerSecond: 5, maxInFlight: 20 });
      receiver.answer({ status: 200 });
      const count = 20;
      await api.publishBatch(Array.from({ length: count }, (_, n) => ({ type, data: { n } })));
      await api.waitForDeliveries(subscription.id, count, 'succeeded', 20000);

      const requests = receiver.requestsTo('/capped');
      expect(requests).toHaveLength(count);
      // A little under a second absorbs loopback jitter between sending and receiving.
      expect(busiestWindow(requests, 950)).toBeLessThanOrEqual(5);
      const span = requests[count - 1]!.receivedAt - requests[0]!.receivedAt;
      expect(span).toBeGreaterThanOrEqual(2900);
    });

    it('holds across a rebalance to a second dispatcher replica and back', async () => {
      const type = await newType();
      // Several subscriptions, so that some of their partitions surely move to the new replica.
      const paths = Array.from({ length: 8 }, (_, n) => `/handoff-${n}`);
      const subscriptions = [];
      for (const path of paths) {
        subscriptions.push(await createSubscription(api, { url: receiver.url(path), eventTypes: [type], rateLimitPerSecond: 4, maxInFlight: 20 }));
      }
      receiver.answer({ status: 200 });
      const count = 40;
      await api.publishBatch(Array.from({ length: count }, (_, n) => ({ type, data: { n } })));
      await receiver.waitFor(8, { filter: (request) => request.path.startsWith('/handoff-') });
      const replica = await startReplica('dispatcher', 18095);
      let replicaAttempts = 0;
      try {
        // The group rebalances once the running dispatcher notices the new member (next heartbeat).
        replicaAttempts = await eventually(async () => {
          const attempts = await attemptsMadeBy(replica.url);
          return attempts > 0 ? attempts : undefined;
        }, 30000);
      } finally {
        await replica.stop();
      }
      for (const subscription of subscriptions) await api.waitForDeliveries(subscription.id, count, 'succeeded', 60000);

      expect(replicaAttempts).toBeGreaterThan(0);
      for (const path of paths) {
        const requests = receiver.requestsTo(path);
        expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(count);
        expect(busiestWindow(requests, 950)).toBeLessThanOrEqual(4);
      }
    });
  });
});
