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
import { eventually, stack } from '../support/stack';

type Service = 'registry' | 'ingest';
const services: readonly Service[] = ['registry', 'ingest'];

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface OpenApiOperation {
  security?: Record<string, string[]>[];
  requestBody?: { required?: boolean };
}

interface OpenApiDocument {
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], OpenApiOperation>>>;
}

/** One operation of a service's published API document. */
interface DocumentedOperation {
  service: Service;
  /** `METHOD path-template`, e.g. `GET /v1/subscriptions/{id}`. */
  route: string;
  method: string;
  path: string;
  /** Which token it takes, from its security requirement. */
  scope: 'admin' | 'tenant' | 'open';
  bodyRequired: boolean;
}

async function documentedOperations(): Promise<DocumentedOperation[]> {
  const operations: DocumentedOperation[] = [];
  for (const service of services) {
    const response = await fetch(`${stack().urls[service]}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as OpenApiDocument;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (operation === undefined) continue;
        const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
        const scope = schemes.includes('adminToken') ? 'admin' : schemes.includes('apiKey') ? 'tenant' : 'open';
        const upper = method.toUpperCase();
        operations.push({ service, route: `${upper} ${path}`, method: upper, path, scope, bodyRequired: operation.requestBody?.required === true });
      }
    }
  }
  return operations;
}

const pathParameters = (template: string): string[] => [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);

/** The template with each `{name}` replaced by `values[name]` (or a placeholder where none is given). */
function fillPath(template: string, values: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => encodeURIComponent(values[name] ?? 'not_a_resource'));
}

/** How tenant B addresses one of A's resources through a route: its path parameters, and a body the route accepts. */
interface CrossTenantRequest {
  params: () => Record<string, string>;
  /** Valid for the route, so that nothing but ownership can refuse it. */
  body?: () => unknown;
}

/**
 * A tenant sees and changes only its own resources: another tenant's are 404 (never 403, which would
 * confirm they exist), lists never show them, and events never cross into another tenant's subscriptions.
 * Which routes are checked comes from the services' own API documents, so a new route cannot be left out.
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
  let operations: DocumentedOperation[];

  /** Every documented tenant route that names a resource, keyed by `METHOD path-template` per service. */
  const crossTenantRoutes: Record<Service, Record<string, CrossTenantRequest>> = {
    registry: {
      'DELETE /v1/api-keys/{id}': { params: () => ({ id: aSecondKey.id }) },
      'GET /v1/event-types/{name}': { params: () => ({ name: aType }) },
      'PATCH /v1/event-types/{name}': { params: () => ({ name: aType }), body: () => ({ description: 'taken over by b' }) },
      'DELETE /v1/event-types/{name}': { params: () => ({ name: aType }) },
      'GET /v1/subscriptions/{id}': { params: () => ({ id: aSubscription.id }) },
      'PATCH /v1/subscriptions/{id}': { params: () => ({ id: aSubscription.id }), body: () => ({ description: 'taken over by b' }) },
      'DELETE /v1/subscriptions/{id}': { params: () => ({ id: aSubscription.id }) },
      'POST /v1/subscriptions/{id}/disable': { params: () => ({ id: aSubscription.id }) },
      'POST /v1/subscriptions/{id}/enable': { params: () => ({ id: aSubscription.id }) },
      'GET /v1/subscriptions/{id}/secret': { params: () => ({ id: aSubscription.id }) },
      'GET /v1/subscriptions/{id}/health': { params: () => ({ id: aSubscription.id }) },
      'POST /v1/subscriptions/{id}/rotate-secret': { params: () => ({ id: aSubscription.id }), body: () => ({}) },
      'POST /v1/subscriptions/{id}/test': { params: () => ({ id: aSubscription.id }), body: () => ({}) },
      'POST /v1/subscriptions/{id}/replay': { params: () => ({ id: aSubscription.id }), body: () => ({ since: new Date(0).toISOString() }) },
      'GET /v1/deliveries/{id}': { params: () => ({ id: aDelivery.id }) },
      'POST /v1/deliveries/{id}/retry': { params: () => ({ id: aDelivery.id }) },
    },
    ingest: {
      'GET /v1/events/{id}': { params: () => ({ id: aEvent.id }) },
    },
  };
  const tableRows = services.flatMap((service) => Object.keys(crossTenantRoutes[service]).map((route) => [service, route] as const));

  const clientOf = (api: TenantApi, service: Service): ApiClient => (service === 'registry' ? api.registry : api.ingest);

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
    operations = await documentedOperations();
  });

  afterAll(() => receiver.close());

  describe("another tenant's resources are 404 to B", () => {
    /** Everything about A's resources that B's attempts could have changed. */
    const stateOfA = async () => ({
      subscription: await a.subscription(aSubscription.id),
      secret: expectStatus(await a.registry.get(`/v1/subscriptions/${aSubscription.id}/secret`), 200),
      eventType: expectStatus(await a.registry.get(`/v1/event-types/${aType}`), 200),
      delivery: await a.delivery(aDelivery.id),
      event: await a.event(aEvent.id),
      keys: expectStatus(await a.registry.get<Page<{ id: string }>>('/v1/api-keys'), 200).data.map((key) => key.id).sort(),
      requestsToA: receiver.requestsTo('/a').length,
    });
    let before: Awaited<ReturnType<typeof stateOfA>>;

    beforeAll(async () => {
      before = await stateOfA();
    });

    it('covers every documented tenant route with a path parameter, and no route the documents lack', () => {
      const documented = operations.filter((operation) => operation.scope === 'tenant' && pathParameters(operation.path).length > 0);
      expect(documented.length).toBeGreaterThan(0);
      const missing = documented.filter((operation) => crossTenantRoutes[operation.service][operation.route] === undefined);
      expect(missing.map((operation) => `${operation.service} ${operation.route}`)).toEqual([]);
      const stale = tableRows.filter(([service, route]) => !documented.some((operation) => operation.service === service && operation.route === route));
      expect(stale.map(([service, route]) => `${service} ${route}`)).toEqual([]);
      for (const operation of documented) {
        const row = crossTenantRoutes[operation.service][operation.route]!;
        // Each row names every parameter of its path, and sends a body where the route requires one.
        expect({ route: operation.route, params: Object.keys(row.params()).sort() }).toEqual({ route: operation.route, params: pathParameters(operation.path).sort() });
        if (operation.bodyRequired) expect({ route: operation.route, body: row.body !== undefined }).toEqual({ route: operation.route, body: true });
      }
    });

    it.each(tableRows)('%s %s', async (service, route) => {
      const [method, template] = route.split(' ') as [string, string];
      const row = crossTenantRoutes[service][route]!;
      const body = row.body?.();
      const response = await clientOf(b, service).request(method, fillPath(template, row.params()), body === undefined ? {} : { json: body });
      expectProblem(response, 404);
    });

    it("left A's resources untouched", async () => {
      expect(await stateOfA()).toEqual(before);
      expect(before.subscription).toMatchObject({ status: 'enabled', description: null });
      expect(before.eventType).toMatchObject({ name: aType, archived: false });
      expect(before.keys).toContain(aSecondKey.id);
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
    // The caller's own tenant is its key's, never another.
    expect(expectStatus(await b.registry.get<{ id: string }>('/v1/tenant'), 200).id).toBe(b.id);
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
    const anonymous: readonly (readonly [string, () => string | undefined])[] = [
      ['no Authorization header', () => undefined],
      ['a garbage token', () => 'Bearer not-a-token'],
      ['an unknown API key', () => `Bearer ${garbageKey}`],
      ['a Basic scheme', () => `Basic ${Buffer.from('user:pass').toString('base64')}`],
      ['the admin token on a tenant route', () => `Bearer ${adminToken()}`],
    ];

    /** A request to a documented route, its path filled with A's resources where the table names them. */
    const requestTo = (operation: DocumentedOperation, authorization: string | undefined, body?: unknown) => {
      const row = crossTenantRoutes[operation.service][operation.route];
      const client = operation.service === 'registry' ? registryClient() : ingestClient();
      const json = body ?? row?.body?.() ?? (operation.bodyRequired || operation.method === 'POST' ? {} : undefined);
      return client.request(operation.method, fillPath(operation.path, row?.params()), {
        ...(authorization === undefined ? {} : { headers: { authorization } }),
        ...(json === undefined ? {} : { json }),
      });
    };

    it('answers 401 on every documented tenant route to anything but a tenant API key', async () => {
      const tenantRoutes = operations.filter((operation) => operation.scope === 'tenant');
      expect(tenantRoutes.length).toBeGreaterThanOrEqual(tableRows.length);
      const wrong: string[] = [];
      for (const operation of tenantRoutes) {
        for (const [label, header] of anonymous) {
          const response = await requestTo(operation, header());
          if (response.status !== 401 || !response.contentType.includes('application/problem+json')) {
            wrong.push(`${operation.service} ${operation.route} with ${label}: ${response.status} ${response.text.slice(0, 200)}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it('answers 401 on every admin route to a tenant API key and to no token (tenants are not tenant-owned)', async () => {
      const adminRoutes = operations.filter((operation) => operation.scope === 'admin');
      expect(adminRoutes.map((operation) => `${operation.service} ${operation.route}`)).toEqual(
        expect.arrayContaining(['registry GET /v1/tenants', 'registry POST /v1/tenants']),
      );
      for (const operation of adminRoutes) {
        const body = operation.method === 'POST' ? { name: 'sneaky' } : undefined;
        expectProblem(await requestTo(operation, `Bearer ${a.tenant.apiKey}`, body), 401);
        expectProblem(await requestTo(operation, undefined, body), 401);
      }
    });

    it('lets the admin token manage tenants', async () => {
      const page = expectStatus(await adminClient().get<Page<{ id: string; name: string }>>('/v1/tenants', { query: { limit: 250 } }), 200);
      // Newest first: both tenants of this spec are on the first page, and no tenant key created one.
      expect(page.data.map((tenant) => tenant.id)).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(page.data.map((tenant) => tenant.name)).not.toContain('sneaky');
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
