import {
  HooklineApiError,
  HooklineClient,
  verifyWebhook,
  type CreatedSubscription,
  type CreatedTenant,
  type Delivery,
  type EventType,
  type FetchFunction,
  type HooklineClientOptions,
  type PublishedEvent,
  type WebhookEvent,
} from '@hookline/sdk';
import { adminToken } from '../support/api-client';
import { EventTypeFactory, SubscriptionFactory, TenantFactory, unique } from '../support/factories';
import { Receiver, type ReceivedRequest } from '../support/receiver';
import { eventually, stack } from '../support/stack';

/** A client of the running stack's registry and ingest APIs. */
function sdkClient(token: string, options: Partial<HooklineClientOptions> = {}): HooklineClient {
  const { urls } = stack();
  return new HooklineClient({ registryUrl: urls.registry, ingestUrl: urls.ingest, token, ...options });
}

const eventOf = (request: ReceivedRequest): WebhookEvent => JSON.parse(request.body) as WebhookEvent;

/**
 * The published TypeScript SDK against the real services: a tenant set up entirely through the client,
 * an event delivered to a real endpoint whose request `verifyWebhook` accepts, the delivery log read
 * back, errors surfacing as `HooklineApiError`, and pagination across pages.
 */
describe('the TypeScript SDK', () => {
  let receiver: Receiver;
  let admin: HooklineClient;
  let tenant: CreatedTenant;
  let client: HooklineClient;
  let eventType: EventType;
  let subscription: CreatedSubscription;
  let published: PublishedEvent;
  let webhookId: string;

  beforeAll(async () => {
    receiver = await Receiver.start();
    admin = sdkClient(adminToken());
    tenant = await admin.tenants.create(TenantFactory.build());
    client = sdkClient(tenant.apiKey);
    eventType = await client.eventTypes.create(EventTypeFactory.build());
    subscription = await client.subscriptions.create(SubscriptionFactory.build({ url: receiver.url('/sdk'), eventTypes: [eventType.name] }));
  });

  afterAll(() => receiver.close());

  it('creates the tenant and its resources with the documented shapes', async () => {
    expect(tenant).toMatchObject({ id: expect.stringMatching(/^ten_/), apiKey: expect.stringMatching(/^hk_/), locale: 'en' });
    expect(eventType).toMatchObject({ archived: false, archivedAt: null });
    expect(subscription).toMatchObject({ id: expect.stringMatching(/^sub_/), status: 'enabled', secret: expect.stringMatching(/^whsec_/) });
    expect(await client.subscriptions.get(subscription.id)).not.toHaveProperty('secret');
    expect(await client.subscriptions.getSecret(subscription.id)).toEqual({ secret: subscription.secret, previousSecretExpiresAt: null });
    expect(await client.eventTypes.get(eventType.name)).toEqual(eventType);
  });

  it('reads the tenant of its API key, which the admin token has none of', async () => {
    const { apiKey: _apiKey, ...view } = tenant;
    expect(await client.tenants.current()).toEqual(view);
    await expect(admin.tenants.current()).rejects.toMatchObject({ name: 'HooklineApiError', status: 401 });
  });

  it('publishes an event whose request verifies with the secret from create', async () => {
    const data = { orderId: 'o-1', total: 12.5, note: 'ünïcode ✓' };
    const idempotencyKey = unique('order');
    published = await client.events.publish({ type: eventType.name, data }, { idempotencyKey });
    expect(published).toEqual({ id: expect.stringMatching(/^evt_/), type: eventType.name, receivedAt: expect.any(String), duplicate: false });
    // The same key again answers with the original event.
    expect(await client.events.publish({ type: eventType.name, data }, { idempotencyKey })).toMatchObject({ id: published.id, duplicate: true });

    const [request] = await receiver.waitFor(1, { path: '/sdk', filter: (received) => eventOf(received).type === eventType.name });
    const verified = verifyWebhook<WebhookEvent>(subscription.secret, request!.headers, request!.body);
    expect(verified.payload).toEqual({ id: published.id, type: eventType.name, timestamp: expect.any(String), data });
    expect(verified.id).toBe(request!.headers['webhook-id']);
    expect(Math.abs(verified.timestamp - Date.now() / 1000)).toBeLessThan(60);
    expect(() => verifyWebhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, request!.headers, request!.body)).toThrow(/no signature matches/);
    webhookId = verified.id;
  });

  it('finds the delivery in the log as succeeded, with its attempts', async () => {
    const delivery = await eventually<Delivery>(async () => {
      const { data } = await client.deliveries.list({ subscriptionId: subscription.id });
      const [first] = data;
      if (data.length === 1 && first?.status === 'succeeded') return first;
      throw new Error(`deliveries: [${data.map((entry) => entry.status).join(', ')}]`);
    });
    expect(delivery).toMatchObject({ id: webhookId, eventId: published.id, eventType: eventType.name, subscriptionId: subscription.id, attemptCount: 1, lastStatusCode: 200 });
    const withAttempts = await client.deliveries.get(delivery.id);
    expect(withAttempts.attempts).toEqual([
      expect.objectContaining({ id: expect.stringMatching(/^att_/), number: 1, statusCode: 200, error: null, durationMs: expect.any(Number) }),
    ]);
    const event = await client.events.get(published.id);
    expect(event.deliveries).toEqual([expect.objectContaining({ id: delivery.id, subscriptionId: subscription.id, status: 'succeeded' })]);
  });

  it("surfaces another tenant's subscription as a 404 HooklineApiError", async () => {
    const other = sdkClient((await admin.tenants.create(TenantFactory.build())).apiKey);
    const error = await other.subscriptions.get(subscription.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HooklineApiError);
    expect(error).toMatchObject({ status: 404, type: 'urn:hookline:problem:not-found', errors: [] });
  });

  it('carries the field errors of a refused write', async () => {
    const error = await client.subscriptions.create({ name: unique('bad'), url: receiver.url('/sdk'), timeoutMs: 10 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HooklineApiError);
    expect(error).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'timeoutMs' })] });
  });

  it('walks every page with listAll', async () => {
    const more = [
      await client.subscriptions.create(SubscriptionFactory.build({ url: receiver.url('/sdk-pages'), eventTypes: [eventType.name] })),
      await client.subscriptions.create(SubscriptionFactory.build({ url: receiver.url('/sdk-pages'), eventTypes: [eventType.name] })),
    ];
    let requests = 0;
    const counting: FetchFunction = (input, init) => {
      requests += 1;
      return fetch(input, init);
    };
    const paging = sdkClient(tenant.apiKey, { fetch: counting });
    const ids: string[] = [];
    for await (const entry of paging.subscriptions.listAll({ limit: 1 })) ids.push(entry.id);
    expect(ids).toEqual(expect.arrayContaining([subscription.id, ...more.map((entry) => entry.id)]));
    expect(new Set(ids).size).toBe(ids.length);
    // One item per page: every item took a request of its own.
    expect(requests).toBe(ids.length);
    expect(requests).toBeGreaterThan(1);
  });

  it('test-sends a signed hookline.test event and reports what the endpoint did', async () => {
    const result = await client.subscriptions.test(subscription.id);
    expect(result).toMatchObject({ ok: true, statusCode: 200, durationMs: expect.any(Number) });
    expect(result.error ?? null).toBeNull();
    const [request] = await receiver.waitFor(1, { path: '/sdk', filter: (received) => eventOf(received).type === 'hookline.test' });
    expect(verifyWebhook<WebhookEvent>(subscription.secret, request!.headers, request!.body).payload.type).toBe('hookline.test');
  });
});
