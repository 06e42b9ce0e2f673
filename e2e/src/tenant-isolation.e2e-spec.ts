import { randomBytes } from 'node:crypto';
import {
  adminClient,
  adminToken,
  expectProblem,
  expectStatus,
  ingestClient,
  registryClient,
  type AcceptedEvent,
  type ApiClient,
  type CreatedSubscription,
  type DeliveryView,
  type Page,
  type ProblemDocument,
  type TenantApi,
} from '../support/api-client';
import { createEventType, createSubscription, createTenant } from '../support/factories';
import { Receiver } from '../support/receiver';
import { eventually } from '../support/stack';

/**
 * A tenant sees and changes only its own resources: another tenant's are 404 (never 403, which would
 * confirm they exist), lists never show them, and events never cross into another tenant's subscriptions.
 */
describe('tenant isolation', () => {
  let receiver: Receiver;
  let a: TenantApi;
  let b: TenantApi;
  let aType: string;
  let aSubscription: CreatedSubscription;
  let bSubscription: CreatedSubscription;
  let aEvent: AcceptedEvent;
  let aDelivery: DeliveryView;
  let aSecondKey: { id: string; apiKey: string };

  beforeAll(async () => {
    receiver = await Receiver.start();
    [a, b] = await Promise.all([createTenant(), createTenant()]);
    aType = (await createEventType(a)).name;
    await createEventType(b);
    aSubscription = await createSubscription(a, { url: receiver.url('/a'), eventTypes: ['*'] });
    bSubscription = await createSubscription(b, { url: receiver.url('/b'), eventTypes: ['*'] });
    aSecondKey = expectStatus(await a.registry.post<{ id: string; apiKey: string }>('/v1/api-keys', { name: 'second' }), 201);
    aEvent = await a.publish({ type: aType, data: { secret: 'of a' } });
    [aDelivery] = (await a.waitForDeliveries(aSubscription.id, 1, 'succeeded')) as [DeliveryView];
  });

  afterAll(() => receiver.close());

  describe("another tenant's resources are 404 to B", () => {
    it.each([
      ['GET', () => `/v1/subscriptions/${aSubscription.id}`],
      ['PATCH', () => `/v1/subscriptions/${aSubscription.id}`],
      ['DELETE', () => `/v1/subscriptions/${aSubscription.id}`],
      ['POST', () => `/v1/subscriptions/${aSubscription.id}/disable`],
      ['POST', () => `/v1/subscriptions/${aSubscription.id}/enable`],
      ['GET', () => `/v1/subscriptions/${aSubscription.id}/secret`],
      ['POST', () => `/v1/subscriptions/${aSubscription.id}/rotate-secret`],
      ['POST', () => `/v1/subscriptions/${aSubscription.id}/test`],
      ['POST', () => `/v1/subscriptions/${aSubscription.id}/replay`],
      ['POST', () => `/v1/deliveries/${aDelivery.id}/retry`],
      ['GET', () => `/v1/deliveries/${aDelivery.id}`],
      ['GET', () => `/v1/event-types/${aType}`],
      ['PATCH', () => `/v1/event-types/${aType}`],
      ['DELETE', () => `/v1/event-types/${aType}`],
      ['DELETE', () => `/v1/api-keys/${aSecondKey.id}`],
    ])('registry %s %s', async (method, path) => {
      const bodies: Record<string, unknown> = { PATCH: { description: 'taken over by b' }, POST: path().endsWith('/replay') ? { since: new Date(0).toISOString() } : {} };
      const body = bodies[method];
      const response = await b.registry.request(method, path(), body === undefined ? {} : { json: body });
      expectProblem(response, 404);
    });

    it("ingest GET /v1/events/{id} of A's event", async () => {
      expectProblem(await b.ingest.get(`/v1/events/${aEvent.id}`), 404);
    });

    it("left A's resources untouched", async () => {
      expect(await a.subscription(aSubscription.id)).toMatchObject({ status: 'enabled', description: null });
      expect(expectStatus(await a.registry.get(`/v1/event-types/${aType}`), 200)).toMatchObject({ name: aType, archived: false });
      const keys = expectStatus(await a.registry.get<Page<{ id: string }>>('/v1/api-keys'), 200);
      expect(keys.data.map((key) => key.id)).toContain(aSecondKey.id);
    });
  });

  it("shows B none of A's resources in its lists", async () => {
    const ids = async (client: ApiClient, path: string, query: Record<string, string> = {}) =>
      expectStatus(await client.get<Page<{ id?: string; name?: string }>>(path, { query: { limit: '250', ...query } }), 200).data.map(
        (item) => item.id ?? item.name,
      );
    expect(await ids(b.registry, '/v1/subscriptions')).toEqual([bSubscription.id]);
    expect(await ids(b.registry, '/v1/deliveries')).toEqual([]);
    expect(await ids(b.registry, '/v1/deliveries', { subscriptionId: aSubscription.id })).toEqual([]);
    expect(await ids(b.registry, '/v1/deliveries', { eventId: aEvent.id })).toEqual([]);
    expect(await ids(b.registry, '/v1/event-types')).not.toContain(aType);
    expect(await ids(b.registry, '/v1/api-keys')).not.toContain(aSecondKey.id);
    expect(await ids(b.ingest, '/v1/events')).toEqual([]);
    expect(await ids(b.ingest, '/v1/events', { type: aType })).toEqual([]);
  });

  it("does not let B use A's event types", async () => {
    const subscription = await b.registry.post<ProblemDocument>('/v1/subscriptions', { name: 'b on a', url: receiver.url('/b'), eventTypes: [aType] });
    expectProblem(subscription, 422);
    expect(subscription.body.errors).toEqual([expect.objectContaining({ field: 'eventTypes.0' })]);
    const event = await b.ingest.post<ProblemDocument>('/v1/events', { type: aType, data: {} });
    expectProblem(event, 422);
    expect(event.body.type).toBe('urn:hookline:problem:unknown-event-type');
  });

  it("never delivers A's events to B's subscriptions", async () => {
    const more = await Promise.all([1, 2, 3].map((n) => a.publish({ type: aType, data: { n } })));
    await a.waitForDeliveries(aSubscription.id, 4, 'succeeded');
    // B's own event arrives at B's endpoint: had any of A's events been routed there, they would be too.
    const bType = expectStatus(await b.registry.get<Page<{ name: string }>>('/v1/event-types'), 200).data[0]!.name;
    const bEvent = await b.publish({ type: bType, data: { mine: true } });
    await b.waitForDeliveries(bSubscription.id, 1, 'succeeded');
    const toB = receiver.requestsTo('/b').map((request) => (JSON.parse(request.body) as { id: string }).id);
    expect(toB).toEqual([bEvent.id]);
    const aIds = [aEvent, ...more].map((event) => event.id);
    for (const id of aIds) expect((await a.event(id)).deliveries.map((delivery) => delivery.subscriptionId)).toEqual([aSubscription.id]);
  });

  describe('authentication', () => {
    const garbageKey = `hk_${randomBytes(32).toString('base64url')}`;
    const anonymous = [
      ['no Authorization header', undefined],
      ['a garbage token', 'Bearer not-a-token'],
      ['an unknown API key', `Bearer ${garbageKey}`],
      ['a Basic scheme', `Basic ${Buffer.from('user:pass').toString('base64')}`],
      ['the admin token on a tenant route', () => `Bearer ${adminToken()}`],
    ] as const;
    const tenantRoutes = [
      ['registry', 'GET', '/v1/subscriptions'],
      ['registry', 'POST', '/v1/subscriptions'],
      ['registry', 'GET', '/v1/event-types'],
      ['registry', 'GET', '/v1/deliveries'],
      ['registry', 'GET', '/v1/api-keys'],
      ['ingest', 'POST', '/v1/events'],
      ['ingest', 'POST', '/v1/events/batch'],
      ['ingest', 'GET', '/v1/events'],
    ] as const;

    it.each(anonymous.flatMap(([label, header]) => tenantRoutes.map(([service, method, path]) => [label, service, method, path, header] as const)))(
      '401 for %s: %s %s %s',
      async (_label, service, method, path, header) => {
        const client = service === 'registry' ? registryClient() : ingestClient();
        const authorization = typeof header === 'function' ? header() : header;
        const response = await client.request(method, path, {
          ...(authorization === undefined ? {} : { headers: { authorization } }),
          ...(method === 'POST' ? { json: { name: 'x', url: 'http://127.0.0.1:1/', type: 'x', data: {}, events: [] } } : {}),
        });
        expectProblem(response, 401);
      },
    );

    it.each([
      ['GET', '/v1/tenants'],
      ['POST', '/v1/tenants'],
    ])('401 for a tenant API key on the admin route %s %s', async (method, path) => {
      const response = await a.registry.request(method, path, method === 'POST' ? { json: { name: 'sneaky' } } : {});
      expectProblem(response, 401);
      expectProblem(await registryClient().request(method, path), 401);
    });

    it('lets the admin token manage tenants', async () => {
      const page = expectStatus(await adminClient().get<Page<{ id: string }>>('/v1/tenants', { query: { limit: 250 } }), 200);
      // Newest first: both tenants of this spec are on the first page.
      expect(page.data.map((tenant) => tenant.id)).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(page.data[0]).not.toHaveProperty('apiKey');
    });

    it('stops accepting a revoked API key, and keeps the last key of a tenant', async () => {
      const key = expectStatus(await b.registry.post<{ id: string; apiKey: string }>('/v1/api-keys', {}), 201);
      const withKey = registryClient(key.apiKey);
      expect((await withKey.get('/v1/subscriptions')).status).toBe(200);
      expectStatus(await b.registry.delete(`/v1/api-keys/${key.id}`), 204);
      await eventually(async () => ((await withKey.get('/v1/subscriptions')).status === 401 ? true : undefined), 10000);

      const keys = expectStatus(await b.registry.get<Page<{ id: string }>>('/v1/api-keys'), 200);
      expect(keys.data).toHaveLength(1);
      expectProblem(await b.registry.delete(`/v1/api-keys/${keys.data[0]!.id}`), 409);
    });
  });
});
