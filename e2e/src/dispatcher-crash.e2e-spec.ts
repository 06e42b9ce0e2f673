import type { TenantApi } from '../support/api-client';
import { createEventType, createSubscription, createTenant } from '../support/factories';
import { distinctWebhookIds, Receiver } from '../support/receiver';
import { eventually, killService, stack, waitForRestart, withDatabase } from '../support/stack';

/**
 * At-least-once for real: the dispatcher is SIGKILLed while it is delivering (no shutdown hook runs,
 * in-flight requests and unrecorded outcomes are lost with the process). The runner restarts it, and
 * every event still reaches the endpoint and ends `succeeded` in the delivery log. Duplicates are allowed
 * (receivers de-duplicate on `webhook-id`); they are reported, not failed on.
 */
describe('a dispatcher killed with SIGKILL mid-load', () => {
  const events = 2000;
  let receiver: Receiver;
  let api: TenantApi;

  beforeAll(async () => {
    receiver = await Receiver.start();
    // A few ms per answer keeps the load going for a couple of seconds, so the kill lands mid-stream.
    receiver.answer({ status: 200, body: 'ok', delayMs: 10 });
    api = await createTenant();
  });

  afterAll(() => receiver.close());

  it('loses no delivery: every event arrives at least once and every delivery ends succeeded', async () => {
    const type = await createEventType(api);
    const subscription = await createSubscription(api, { url: receiver.url('/crash'), eventTypes: [type.name] });
    const accepted: string[] = [];
    for (let start = 0; start < events; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, events - start) }, (_, index) => ({ type: type.name, data: { n: start + index } }));
      for (const result of await api.publishBatch(batch)) {
        if (!('id' in result)) throw new Error(`event ${start + result.index} refused: ${JSON.stringify(result.error)}`);
        accepted.push(result.id);
      }
    }
    expect(new Set(accepted).size).toBe(events);

    await receiver.waitFor(events / 10, { timeoutMs: 30000 });
    const killedPid = killService('dispatcher');
    const receivedAtKill = distinctWebhookIds(receiver.requests).size;
    expect(receivedAtKill).toBeLessThan(events);

    const restartedPid = await waitForRestart('dispatcher', killedPid);
    expect(restartedPid).toBe(stack().pids.dispatcher);

    // The restarted dispatcher rejoins the consumer group once the killed member's session expired.
    await eventually(async () => (distinctWebhookIds(receiver.requests).size >= events ? true : undefined), 75000);
    const byStatus = await eventually(
      () =>
        withDatabase(async (db) => {
          const result = await db.query<{ status: string; n: number }>(
            'SELECT status, count(*)::int AS n FROM deliveries WHERE subscription_id = $1 GROUP BY status',
            [subscription.id],
          );
          const counts = Object.fromEntries(result.rows.map((row) => [row.status, row.n]));
          return counts.succeeded === events ? counts : undefined;
        }),
      20000,
    );
    expect(byStatus).toEqual({ succeeded: events });

    // Every event's body arrived, and nothing arrived that was not published.
    const eventIds = new Set(receiver.requests.map((request) => (JSON.parse(request.body) as { id: string }).id));
    expect([...eventIds].sort()).toEqual([...accepted].sort());
    const deliveryIds = await withDatabase(async (db) => {
      const result = await db.query<{ id: string }>('SELECT id FROM deliveries WHERE subscription_id = $1', [subscription.id]);
      return result.rows.map((row) => row.id).sort();
    });
    expect([...distinctWebhookIds(receiver.requests)].sort()).toEqual(deliveryIds);

    const duplicates = receiver.requests.length - events;
    console.log(
      `dispatcher crash: ${events} events, ${receivedAtKill} delivered before the kill, ` +
        `${receiver.requests.length} requests received, ${duplicates} duplicate(s) (same webhook-id sent again after the restart)`,
    );
  });
});
