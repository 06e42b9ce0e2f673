import { randomUUID } from 'node:crypto';
import { BuiltInEventTypes } from '@hookline/contracts';
import { expectStatus, type SubscriptionHealthView, type SubscriptionView, type TenantApi } from '../support/api-client';
import { createEventType, createSubscription, createTenant } from '../support/factories';
import { Mailbox } from '../support/mailbox';
import { Receiver, type ReceivedRequest } from '../support/receiver';
import { eventually, killService, waitForRestart, withDatabase } from '../support/stack';

interface OperationalEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

const bodyOf = (request: ReceivedRequest) => JSON.parse(request.body) as OperationalEvent;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const alertTypes = [BuiltInEventTypes.subscriptionDisabled, BuiltInEventTypes.subscriptionRecovered];

/**
 * Endpoint health (SPEC §6) on the running stack, with a real SMTP server on loopback: the status
 * notifier counts failed requests in a sliding window, auto-disables on the threshold or at once on a
 * 410, mails the tenant at most once an hour per subscription, announces `hookline.subscription.disabled`
 * and `…recovered` in the tenant's own stream, keeps its count across a crash, and starts over when the
 * subscription is enabled again.
 */
describe('endpoint health', () => {
  let receiver: Receiver;
  let mailbox: Mailbox;

  beforeAll(async () => {
    [receiver, mailbox] = await Promise.all([Receiver.start(), Mailbox.start()]);
  });

  afterAll(async () => {
    await Promise.all([receiver.close(), mailbox.close()]);
  });

  /** A tenant with its own alert address, one event type, and a healthy subscription to the alerts. */
  async function tenantWithAlerts(locale: 'en' | 'ar' = 'en'): Promise<{ api: TenantApi; type: string; alertEmail: string; alerts: string }> {
    const alertEmail = `ops+${randomUUID().slice(0, 8)}@example.test`;
    const api = await createTenant({ alertEmail, locale });
    const type = (await createEventType(api, { name: `health_${randomUUID().slice(0, 8)}.happened` })).name;
    const alerts = `/alerts-${randomUUID().slice(0, 8)}`;
    await createSubscription(api, { name: 'alerts', url: receiver.url(alerts), eventTypes: alertTypes });
    return { api, type, alertEmail, alerts };
  }

  async function publish(api: TenantApi, type: string, count: number): Promise<void> {
    for (let n = 0; n < count; n++) await api.publish({ type, data: { n } });
  }

  const waitForStatus = (api: TenantApi, id: string, status: SubscriptionView['status'], timeoutMs = 20000) =>
    eventually(async () => {
      const subscription = await api.subscription(id);
      return subscription.status === status ? subscription : undefined;
    }, timeoutMs);

  /** Failed requests the notifier has counted in the subscription's current window. */
  const countedFailures = (subscriptionId: string) =>
    withDatabase(async (client) => {
      const result = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM subscription_failures WHERE subscription_id = $1`, [subscriptionId]);
      return result.rows[0]?.count ?? 0;
    });

  const queuedMails = (subscriptionId: string) =>
    withDatabase(async (client) => {
      const result = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM alert_mails WHERE subscription_id = $1`, [subscriptionId]);
      return result.rows[0]?.count ?? 0;
    });

  const enable = async (api: TenantApi, id: string) => expectStatus(await api.registry.post<SubscriptionView>(`/v1/subscriptions/${id}/enable`), 200);

  const healthOf = async (api: TenantApi, id: string) => expectStatus(await api.registry.get<SubscriptionHealthView>(`/v1/subscriptions/${id}/health`), 200);

  /** Waits until the health document passes `check`, and returns it. */
  const waitForHealth = (api: TenantApi, id: string, check: (health: SubscriptionHealthView) => boolean) =>
    eventually(async () => {
      const health = await healthOf(api, id);
      return check(health) ? health : undefined;
    }, 20000);

  it('disables after the threshold, mails once an hour, holds new deliveries, and recovers once enabled and fixed', async () => {
    const { api, type, alertEmail, alerts } = await tenantWithAlerts();
    const path = `/failing-${randomUUID().slice(0, 8)}`;
    let failing = true;
    receiver.answer((request) => (request.path === path && failing ? { status: 500, body: 'database is down' } : { status: 200, body: 'ok' }));
    const subscription = await createSubscription(api, {
      name: 'Orders to the warehouse',
      url: receiver.url(path),
      eventTypes: [type],
      failureThreshold: 5,
      failureWindowSeconds: 300,
    });

    // Four failures stay under the threshold.
    await publish(api, type, 4);
    await eventually(async () => ((await countedFailures(subscription.id)) === 4 ? true : undefined));
    expect((await api.subscription(subscription.id)).status).toBe('enabled');

    await publish(api, type, 1);
    const disabled = await waitForStatus(api, subscription.id, 'auto_disabled');
    expect(disabled.disabledReason).toBe('5 failed attempts within 300 s and no success (last: http_status: HTTP 500)');
    expect(Date.parse(disabled.disabledAt ?? '')).toBeGreaterThan(Date.now() - 60000);

    const [announcement] = await receiver.waitFor(1, { path: alerts, timeoutMs: 20000 });
    const event = bodyOf(announcement!);
    expect(event.type).toBe(BuiltInEventTypes.subscriptionDisabled);
    expect(event.data).toEqual({
      subscriptionId: subscription.id,
      name: 'Orders to the warehouse',
      url: receiver.url(path),
      reason: 'failure_threshold',
      disabledReason: disabled.disabledReason,
      disabledAt: disabled.disabledAt,
      failureCount: 5,
      failureWindowSeconds: 300,
      lastStatusCode: 500,
      lastError: 'http_status: HTTP 500',
    });

    const [mail] = await eventually(async () => (mailbox.to(alertEmail).length > 0 ? mailbox.to(alertEmail) : undefined), 20000);
    expect(mail!.subject).toContain('Orders to the warehouse');
    for (const fact of [subscription.id, receiver.url(path), '500', `/v1/subscriptions/${subscription.id}/enable`]) expect(mail!.text).toContain(fact);
    expect(mail!.html).toContain(`/v1/subscriptions/${subscription.id}/enable`);

    // While auto-disabled, new deliveries are held, not sent.
    const sentBefore = receiver.requestsTo(path).length;
    await publish(api, type, 1);
    await eventually(async () => ((await api.deliveries({ subscriptionId: subscription.id, status: 'held' })).length === 1 ? true : undefined));
    expect(receiver.requestsTo(path)).toHaveLength(sentBefore);

    // Enabling starts a fresh window: the held delivery and three more failures are four, under five.
    await enable(api, subscription.id);
    await publish(api, type, 3);
    await eventually(async () => ((await countedFailures(subscription.id)) === 4 ? true : undefined));
    expect((await api.subscription(subscription.id)).status).toBe('enabled');

    // A fifth trips it again: a second event, but no second mail within the hour.
    await publish(api, type, 1);
    await waitForStatus(api, subscription.id, 'auto_disabled');
    await receiver.waitFor(2, { path: alerts, timeoutMs: 20000 });
    expect(await queuedMails(subscription.id)).toBe(1);
    await pause(1000);
    expect(mailbox.to(alertEmail)).toHaveLength(1);

    // Fixed endpoint: enabling sends what was held and the first success is announced as a recovery.
    failing = false;
    await publish(api, type, 2);
    await eventually(async () => ((await api.deliveries({ subscriptionId: subscription.id, status: 'held' })).length === 2 ? true : undefined));
    await enable(api, subscription.id);
    const announcements = await receiver.waitFor(3, { path: alerts, timeoutMs: 20000 });
    const recovered = bodyOf(announcements[2]!);
    expect(recovered.type).toBe(BuiltInEventTypes.subscriptionRecovered);
    expect(recovered.data).toMatchObject({ subscriptionId: subscription.id, after: 'disabled', statusCode: 200 });
    expect((await api.subscription(subscription.id)).status).toBe('enabled');
    await pause(1000);
    expect(receiver.requestsTo(alerts)).toHaveLength(3);
  });

  it('disables at once when the endpoint answers 410 Gone, and mails in the tenant’s language', async () => {
    const { api, type, alertEmail, alerts } = await tenantWithAlerts('ar');
    const path = `/gone-${randomUUID().slice(0, 8)}`;
    receiver.answer((request) => (request.path === path ? { status: 410, body: 'gone' } : { status: 200, body: 'ok' }));
    const subscription = await createSubscription(api, { url: receiver.url(path), eventTypes: [type] });

    await publish(api, type, 1);
    const disabled = await waitForStatus(api, subscription.id, 'auto_disabled');
    expect(disabled.disabledReason).toBe('the endpoint answered 410 Gone');
    const [announcement] = await receiver.waitFor(1, { path: alerts, timeoutMs: 20000 });
    expect(bodyOf(announcement!).data).toMatchObject({ reason: 'gone', failureCount: 1, lastStatusCode: 410 });

    const [mail] = await eventually(async () => (mailbox.to(alertEmail).length > 0 ? mailbox.to(alertEmail) : undefined), 20000);
    expect(mail!.html).toMatch(/<html[^>]*dir="rtl"/);
    expect(mail!.text).toContain(receiver.url(path));
    expect(mail!.text).toContain('410');
  });

  it('never loops when the alert subscription itself is failing', async () => {
    const alertEmail = `ops+${randomUUID().slice(0, 8)}@example.test`;
    const api = await createTenant({ alertEmail });
    const type = (await createEventType(api, { name: `loop_${randomUUID().slice(0, 8)}.happened` })).name;
    const path = `/self-${randomUUID().slice(0, 8)}`;
    const watcher = `/watcher-${randomUUID().slice(0, 8)}`;
    receiver.answer((request) => (request.path === path ? { status: 500, body: 'no' } : { status: 200, body: 'ok' }));
    // It takes its own alerts as well as ordinary events, and it fails everything.
    const failing = await createSubscription(api, { url: receiver.url(path), eventTypes: [type, 'hookline.*'], failureThreshold: 2, failureWindowSeconds: 300 });
    await createSubscription(api, { url: receiver.url(watcher), eventTypes: ['hookline.*'] });

    await publish(api, type, 2);
    await waitForStatus(api, failing.id, 'auto_disabled');
    await receiver.waitFor(1, { path: watcher, timeoutMs: 20000 });
    // The announcement of its own failure is held for it like any delivery; nothing more follows.
    await eventually(async () => ((await api.deliveries({ subscriptionId: failing.id, status: 'held' })).length === 1 ? true : undefined));
    await pause(3000);
    expect(receiver.requestsTo(watcher).map((request) => bodyOf(request).type)).toEqual([BuiltInEventTypes.subscriptionDisabled]);
    expect(receiver.requestsTo(path)).toHaveLength(2);
    const events = expectStatus(await api.ingest.get<{ data: { type: string }[] }>('/v1/events', { query: { type: BuiltInEventTypes.subscriptionDisabled } }), 200);
    expect(events.data).toHaveLength(1);
  });

  it('reports the endpoint’s health with the count the auto-disable rule uses, and clears it on a success', async () => {
    const api = await createTenant();
    const type = (await createEventType(api, { name: `report_${randomUUID().slice(0, 8)}.happened` })).name;
    const path = `/report-${randomUUID().slice(0, 8)}`;
    let down = true;
    receiver.answer((request) => (request.path === path && down ? { status: 502, body: 'upstream is down' } : { status: 200, body: 'ok' }));
    const subscription = await createSubscription(api, { url: receiver.url(path), eventTypes: [type], failureThreshold: 5, failureWindowSeconds: 300 });

    // Nothing sent yet: never attempted, nothing counted, a window reaching back its full length.
    const fresh = await healthOf(api, subscription.id);
    expect(fresh).toMatchObject({
      subscriptionId: subscription.id,
      status: 'enabled',
      disabledReason: null,
      failingSince: null,
      lastSuccessAt: null,
      lastFailureAt: null,
      lastStatusCode: null,
      lastError: null,
      failuresInWindow: 0,
      failureThreshold: 5,
      failureWindowSeconds: 300,
    });
    expect(Math.abs(Date.parse(fresh.windowStart) - (Date.now() - 300_000))).toBeLessThan(60_000);

    // Three failures, under the threshold: counted, and the subscription stays enabled.
    await publish(api, type, 3);
    const failing = await waitForHealth(api, subscription.id, (health) => health.failuresInWindow === 3);
    expect(failing).toMatchObject({ status: 'enabled', lastStatusCode: 502, lastError: 'http_status: HTTP 502', lastSuccessAt: null });
    expect(failing.failingSince).not.toBeNull();
    expect(Date.parse(failing.failingSince!)).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(failing.failingSince!)).toBeLessThanOrEqual(Date.parse(failing.lastFailureAt!));
    expect(await countedFailures(subscription.id)).toBe(3);

    // Another tenant cannot read it.
    const stranger = await createTenant();
    expect((await stranger.registry.get(`/v1/subscriptions/${subscription.id}/health`)).status).toBe(404);

    // One success ends the streak: nothing counts any more, and the window now starts at that success.
    down = false;
    await publish(api, type, 1);
    const recovered = await waitForHealth(api, subscription.id, (health) => health.failingSince === null);
    expect(recovered).toMatchObject({ status: 'enabled', failuresInWindow: 0, lastStatusCode: 502, lastError: 'http_status: HTTP 502' });
    expect(Date.parse(recovered.lastSuccessAt!)).toBeGreaterThan(Date.parse(recovered.lastFailureAt!));
    expect(recovered.windowStart).toBe(recovered.lastSuccessAt);
  });

  it('keeps its count when the status notifier is killed', async () => {
    const { api, type, alerts } = await tenantWithAlerts();
    const path = `/restart-${randomUUID().slice(0, 8)}`;
    receiver.answer((request) => (request.path === path ? { status: 503, body: 'busy' } : { status: 200, body: 'ok' }));
    const subscription = await createSubscription(api, { url: receiver.url(path), eventTypes: [type], failureThreshold: 6, failureWindowSeconds: 600 });

    await publish(api, type, 3);
    await eventually(async () => ((await countedFailures(subscription.id)) === 3 ? true : undefined));
    const killed = killService('status-notifier');
    // Failures while it is down wait in Kafka.
    await publish(api, type, 2);
    await eventually(async () => (receiver.requestsTo(path).length === 5 ? true : undefined));
    await waitForRestart('status-notifier', killed);
    await eventually(async () => ((await countedFailures(subscription.id)) === 5 ? true : undefined), 30000);
    expect((await api.subscription(subscription.id)).status).toBe('enabled');

    await publish(api, type, 1);
    const disabled = await waitForStatus(api, subscription.id, 'auto_disabled', 30000);
    expect(disabled.disabledReason).toContain('6 failed attempts within 600 s');
    const [announcement] = await receiver.waitFor(1, { path: alerts, timeoutMs: 20000 });
    expect(bodyOf(announcement!).data).toMatchObject({ subscriptionId: subscription.id, failureCount: 6, lastStatusCode: 503 });
  });
});
