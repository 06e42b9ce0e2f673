import { randomBytes } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { expectStatus, registryClient, type DeliveryView, type DeliveryWithAttempts, type SubscriptionView, type TenantApi } from '../support/api-client';
import { createEventTypes, createSubscription, createTenant, EventTypeFactory, SubscriptionFactory, TenantFactory } from '../support/factories';
import { adminGrpc, grpcError, problemOf, protobufValueOf, reflectedServices, RegistryGrpc, structOf } from '../support/grpc-client';
import { Receiver } from '../support/receiver';
import { eventually } from '../support/stack';

/** A subscription as the gRPC client reads it: unset optional fields are left out. */
interface GrpcSubscription {
  id: string;
  name: string;
  description?: string;
  url: string;
  eventTypes: string[];
  policy: { mode: string; maxBatchSize?: number; maxBatchWaitMs?: number };
  ordering: string;
  maxInFlight: number;
  rateLimitPerSecond?: number;
  timeoutMs: number;
  retrySchedule: number[];
  authorization?: string;
  headers: Record<string, string>;
  failureThreshold: number;
  failureWindowSeconds: number;
  status: string;
  disabledReason?: string;
  disabledAt?: string;
  createdAt: string;
  updatedAt: string;
  secret?: string;
}

/** The health document as the gRPC client reads it: unset optional fields, and a zero count, are left out. */
interface GrpcSubscriptionHealth {
  subscriptionId: string;
  status: string;
  failingSince?: string;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastStatusCode?: number;
  lastError?: string;
  failuresInWindow?: number;
  failureThreshold: number;
  failureWindowSeconds: number;
  windowStart: string;
}

interface GrpcPage<T> {
  data: T[];
  nextCursor: string;
}

interface GrpcDelivery {
  id: string;
  eventId: string;
  subscriptionId: string;
  status: string;
  attemptCount: number;
  attempts: { id: string; number: number; statusCode?: number; durationMs: number }[];
}

/** The REST view of a subscription with its nulls left out, as the gRPC client reads unset fields. */
const withoutNulls = (view: object): Record<string, unknown> => Object.fromEntries(Object.entries(view).filter(([, value]) => value !== null));

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * The management API over gRPC (SPEC §3, `hookline.registry.v1`): the same operations, auth and answers
 * as REST, with server reflection on and every refusal a gRPC status plus the problem document.
 */
describe('the gRPC management API', () => {
  let receiver: Receiver;
  let api: TenantApi;
  let other: TenantApi;
  let grpc: RegistryGrpc;
  let otherGrpc: RegistryGrpc;
  let admin: RegistryGrpc;
  let types: Record<'delivered' | 'catalog', string>;

  beforeAll(async () => {
    receiver = await Receiver.start();
    [api, other] = await Promise.all([createTenant(), createTenant()]);
    // Created up front: ingest caches the catalog, and the delivery test publishes an event of one.
    types = await createEventTypes(api, ['delivered', 'catalog']);
    grpc = new RegistryGrpc(api.tenant.apiKey);
    otherGrpc = new RegistryGrpc(other.tenant.apiKey);
    admin = adminGrpc();
  });

  afterAll(async () => {
    for (const client of [grpc, otherGrpc, admin]) client?.close();
    await receiver?.close();
  });

  it('lists its services through server reflection', async () => {
    expect(await reflectedServices()).toEqual(
      expect.arrayContaining(
        ['TenantService', 'ApiKeyService', 'EventTypeService', 'SubscriptionService', 'DeliveryService'].map((name) => `hookline.registry.v1.${name}`),
      ),
    );
  });

  describe('auth by metadata', () => {
    it('refuses a call without a token as UNAUTHENTICATED', async () => {
      const anonymous = new RegistryGrpc(undefined);
      try {
        const error = await grpcError(anonymous.subscriptions.call('ListSubscriptions'));
        expect(error.code).toBe(status.UNAUTHENTICATED);
        expect(problemOf(error)).toMatchObject({ status: 401 });
      } finally {
        anonymous.close();
      }
    });

    it('refuses an unknown API key, and a tenant key where the admin token is needed', async () => {
      const stranger = new RegistryGrpc(`hk_${randomBytes(32).toString('base64url')}`);
      try {
        expect((await grpcError(stranger.eventTypes.call('ListEventTypes'))).code).toBe(status.UNAUTHENTICATED);
        expect((await grpcError(grpc.tenants.call('ListTenants'))).code).toBe(status.UNAUTHENTICATED);
        expect((await grpcError(admin.subscriptions.call('ListSubscriptions'))).code).toBe(status.UNAUTHENTICATED);
      } finally {
        stranger.close();
      }
    });
  });

  describe('tenants (admin token)', () => {
    it('creates a tenant whose API key works over REST and gRPC, and lists tenants a page at a time', async () => {
      const input = TenantFactory.build({ locale: 'is', alertEmail: 'ops@example.com' });
      const created = await admin.tenants.call<{ id: string; name: string; locale: string; alertEmail: string; apiKey: string }>('CreateTenant', input);
      expect(created).toMatchObject({ id: expect.stringMatching(/^ten_/), name: input.name, locale: 'is', alertEmail: 'ops@example.com' });
      expect(created.apiKey).toMatch(/^hk_/);
      const theirs = new RegistryGrpc(created.apiKey);
      try {
        expect(await theirs.apiKeys.call<GrpcPage<{ name: string }>>('ListApiKeys')).toMatchObject({ data: [{ name: 'default' }], nextCursor: '' });
      } finally {
        theirs.close();
      }
      expect((await registryClient(created.apiKey).get('/v1/api-keys')).status).toBe(200);
      const first = await admin.tenants.call<GrpcPage<{ id: string }>>('ListTenants', { limit: 1 });
      expect(first.data).toEqual([expect.objectContaining({ id: created.id })]);
      expect(first.nextCursor).not.toBe('');
      const second = await admin.tenants.call<GrpcPage<{ id: string }>>('ListTenants', { limit: 1, cursor: first.nextCursor });
      expect(second.data).toHaveLength(1);
      expect(second.data[0]!.id < created.id).toBe(true);
    });
  });

  describe('a tenant managing its own resources', () => {
    it('creates, reads, updates and archives an event type with a JSON Schema', async () => {
      const input = EventTypeFactory.build();
      const schema = { type: 'object', required: ['sku'], properties: { sku: { type: 'string', minLength: 1 }, qty: { type: 'integer' } } };
      const created = await grpc.eventTypes.call('CreateEventType', { name: input.name, description: 'first', schema: structOf(schema) });
      expect(created).toMatchObject({ name: input.name, description: 'first', archived: false });
      // The same schema comes back over REST, stored as the JSON object the Struct stood for.
      expect(expectStatus(await api.registry.get<{ schema: unknown }>(`/v1/event-types/${input.name}`), 200).schema).toEqual(schema);

      const conflict = await grpcError(grpc.eventTypes.call('CreateEventType', { name: input.name }));
      expect(conflict.code).toBe(status.ALREADY_EXISTS);

      // With a mask, a named but unset field is cleared; the others stay.
      const updated = await grpc.eventTypes.call<{ description?: string; schema?: unknown }>('UpdateEventType', {
        name: input.name,
        updateMask: { paths: ['schema'] },
      });
      expect(updated).toMatchObject({ description: 'first' });
      expect(updated.schema).toBeNull();

      expect(await grpc.eventTypes.call('DeleteEventType', { name: input.name })).toEqual({});
      expect(await grpc.eventTypes.call('GetEventType', { name: input.name })).toMatchObject({ archived: true, archivedAt: expect.any(String) });
      expect((await grpcError(grpc.eventTypes.call('UpdateEventType', { name: input.name, description: 'late' }))).code).toBe(status.NOT_FOUND);
      const listed = await grpc.eventTypes.call<GrpcPage<{ name: string; archived: boolean }>>('ListEventTypes', { includeArchived: true, limit: 250 });
      expect(listed.data).toEqual(expect.arrayContaining([expect.objectContaining({ name: input.name, archived: true })]));
    });

    it('runs a subscription through its whole life, answering what REST answers', async () => {
      const input = SubscriptionFactory.build({ url: receiver.url('/grpc'), eventTypes: [types.catalog], description: 'over gRPC', authorization: 'grpc-token-abcd' });
      const created = await grpc.subscriptions.call<GrpcSubscription>('CreateSubscription', input);
      expect(created).toMatchObject({ id: expect.stringMatching(/^sub_/), name: input.name, status: 'enabled', policy: { mode: 'simple' }, maxInFlight: 10 });
      expect(created.secret).toMatch(/^whsec_/);
      expect(created.authorization).toMatch(/^Bearer .*abcd$/);
      const second = await grpc.subscriptions.call<GrpcSubscription>('CreateSubscription', SubscriptionFactory.build({ url: receiver.url('/grpc-2') }));

      const read = await grpc.subscriptions.call<GrpcSubscription>('GetSubscription', { id: created.id });
      const rest = expectStatus(await api.registry.get<SubscriptionView>(`/v1/subscriptions/${created.id}`), 200);
      expect(read).toEqual(withoutNulls(rest));

      // Never attempted: nothing counted, with the subscription's own auto-disable rule.
      const health = await grpc.subscriptions.call<GrpcSubscriptionHealth>('GetSubscriptionHealth', { id: created.id });
      expect(health).toMatchObject({ subscriptionId: created.id, status: 'enabled', failureThreshold: 30, failureWindowSeconds: 1800 });
      expect(health.failuresInWindow ?? 0).toBe(0);
      expect([health.failingSince, health.lastSuccessAt, health.lastFailureAt, health.lastStatusCode]).toEqual([undefined, undefined, undefined, undefined]);
      expect(Math.abs(Date.parse(health.windowStart) - (Date.now() - 1800_000))).toBeLessThan(60_000);

      const firstPage = await grpc.subscriptions.call<GrpcPage<GrpcSubscription>>('ListSubscriptions', { limit: 1 });
      expect(firstPage.data.map((subscription) => subscription.id)).toEqual([second.id]);
      expect(firstPage.nextCursor).not.toBe('');
      const secondPage = await grpc.subscriptions.call<GrpcPage<GrpcSubscription>>('ListSubscriptions', { limit: 1, cursor: firstPage.nextCursor });
      expect(secondPage.data.map((subscription) => subscription.id)).toEqual([created.id]);
      expect(secondPage.nextCursor).toBe('');

      const updated = await grpc.subscriptions.call<GrpcSubscription>('UpdateSubscription', {
        id: created.id,
        name: 'renamed over gRPC',
        maxInFlight: 3,
        headers: { 'x-shop': 'north' },
        updateMask: { paths: ['name', 'max_in_flight', 'description', 'authorization', 'headers'] },
      });
      expect(updated).toMatchObject({ name: 'renamed over gRPC', maxInFlight: 3, headers: { 'x-shop': 'north' }, eventTypes: [types.catalog] });
      expect(updated.description).toBeUndefined();
      expect(updated.authorization).toBeUndefined();
      // Without a mask, only what is set changes.
      const unmasked = await grpc.subscriptions.call<GrpcSubscription>('UpdateSubscription', { id: created.id, timeoutMs: 3000 });
      expect(unmasked).toMatchObject({ name: 'renamed over gRPC', timeoutMs: 3000, headers: { 'x-shop': 'north' } });

      expect(await grpc.subscriptions.call('DisableSubscription', { id: created.id })).toMatchObject({ status: 'disabled', disabledReason: expect.any(String) });
      const enabled = await grpc.subscriptions.call<GrpcSubscription>('EnableSubscription', { id: created.id });
      expect(enabled.status).toBe('enabled');
      expect(enabled.disabledAt).toBeUndefined();

      const secret = newSecret();
      const rotated = await grpc.subscriptions.call<{ secret: string; previousSecretExpiresAt?: string }>('RotateSubscriptionSecret', { id: created.id, secret });
      expect(rotated.secret).toBe(secret);
      expect(Date.parse(rotated.previousSecretExpiresAt ?? '')).toBeGreaterThan(Date.now());
      expect(await grpc.subscriptions.call('GetSubscriptionSecret', { id: created.id })).toEqual(rotated);
      const generated = await grpc.subscriptions.call<{ secret: string }>('RotateSubscriptionSecret', { id: created.id });
      expect(generated.secret).toMatch(/^whsec_/);
      expect(generated.secret).not.toBe(secret);

      expect(await grpc.subscriptions.call('ReplaySubscription', { id: created.id, since: new Date(Date.now() - 3600_000).toISOString() })).toEqual({ queued: 0 });

      expect(await grpc.subscriptions.call('DeleteSubscription', { id: created.id })).toEqual({});
      expect((await grpcError(grpc.subscriptions.call('GetSubscription', { id: created.id }))).code).toBe(status.NOT_FOUND);
      expect((await api.registry.get(`/v1/subscriptions/${created.id}`)).status).toBe(404);
    });

    it('sends a test webhook and answers what the endpoint did', async () => {
      const subscription = await createSubscription(api, { url: receiver.url('/tested') });
      const result = await grpc.subscriptions.call('SendTestWebhook', { id: subscription.id, data: protobufValueOf({ message: 'over gRPC' }) });
      expect(result).toMatchObject({ ok: true, statusCode: 200, responseBody: 'ok' });
      const [request] = await receiver.waitFor(1, { path: '/tested' });
      expect(JSON.parse(request!.body)).toMatchObject({ type: 'hookline.test', data: { message: 'over gRPC' } });
    });

    it('creates and revokes API keys, but never the last one', async () => {
      const key = await grpc.apiKeys.call<{ id: string; apiKey: string; hint: string }>('CreateApiKey', { name: 'ci' });
      expect(key.apiKey).toMatch(/^hk_/);
      expect(key.hint).toBe(`hk_…${key.apiKey.slice(-4)}`);
      await grpc.apiKeys.call('DeleteApiKey', { id: key.id });
      const keys = await grpc.apiKeys.call<GrpcPage<{ id: string }>>('ListApiKeys');
      expect(keys.data.map((entry) => entry.id)).not.toContain(key.id);
      const last = await grpcError(grpc.apiKeys.call('DeleteApiKey', { id: keys.data[0]!.id }));
      expect(last.code).toBe(status.FAILED_PRECONDITION);
    });
  });

  describe('bad input', () => {
    it('is INVALID_ARGUMENT naming the field, with the field errors in the trailer', async () => {
      const error = await grpcError(grpc.subscriptions.call('CreateSubscription', { name: 'x', url: receiver.url(), timeoutMs: 5, retrySchedule: [0] }));
      expect(error.code).toBe(status.INVALID_ARGUMENT);
      expect(error.details).toMatch(/timeoutMs: must be at least 1000/);
      expect(problemOf(error)).toMatchObject({
        status: 422,
        errors: expect.arrayContaining([expect.objectContaining({ field: 'timeoutMs' }), expect.objectContaining({ field: 'retrySchedule.0' })]),
      });
    });

    it('names a missing required field, a bad list limit, an unknown mask path and an unknown event type', async () => {
      const missingUrl = await grpcError(grpc.subscriptions.call('CreateSubscription', { name: 'no url' }));
      expect(problemOf(missingUrl).errors).toEqual([expect.objectContaining({ field: 'url' })]);
      expect((await grpcError(grpc.subscriptions.call('GetSubscription', {}))).details).toBe('id: is required');
      const limit = await grpcError(grpc.deliveries.call('ListDeliveries', { limit: 251 }));
      expect(limit.code).toBe(status.INVALID_ARGUMENT);
      expect(limit.details).toMatch(/^limit: /);
      const subscription = await createSubscription(api, { url: receiver.url('/masked') });
      const mask = await grpcError(grpc.subscriptions.call('UpdateSubscription', { id: subscription.id, updateMask: { paths: ['secret'] } }));
      expect(problemOf(mask).errors).toEqual([{ field: 'secret', message: 'is not a known field' }]);
      const unknownType = await grpcError(grpc.subscriptions.call('CreateSubscription', SubscriptionFactory.build({ url: receiver.url(), eventTypes: ['never.created'] })));
      expect(problemOf(unknownType).errors).toEqual([expect.objectContaining({ field: 'eventTypes.0' })]);
    });

    it('refuses U+0000 before it reaches the database', async () => {
      const error = await grpcError(grpc.eventTypes.call('GetEventType', { name: 'order\u0000created' }));
      expect(error.code).toBe(status.INVALID_ARGUMENT);
      expect(problemOf(error).errors).toEqual([expect.objectContaining({ field: 'name' })]);
    });
  });

  describe('deliveries', () => {
    it('reads a delivery of an event published over REST, with its attempts, as REST shows it', async () => {
      const subscription = await createSubscription(api, { url: receiver.url('/delivered'), eventTypes: [types.delivered] });
      const event = await api.publish({ type: types.delivered, data: { sku: 'grpc-1' } });
      const [delivery] = await eventually(async () => {
        const page = await grpc.deliveries.call<GrpcPage<GrpcDelivery>>('ListDeliveries', { subscriptionId: subscription.id, status: 'succeeded' });
        return page.data.length === 1 ? page.data : undefined;
      });
      expect(delivery).toMatchObject({ eventId: event.id, subscriptionId: subscription.id, status: 'succeeded', attempts: [] });
      const read = await grpc.deliveries.call<GrpcDelivery>('GetDelivery', { id: delivery!.id });
      expect(read.attempts).toEqual([expect.objectContaining({ number: 1, statusCode: 200 })]);
      const rest = expectStatus(await api.registry.get<DeliveryWithAttempts>(`/v1/deliveries/${delivery!.id}`), 200);
      expect(read).toEqual({ ...withoutNulls(rest), attempts: rest.attempts.map(withoutNulls) });

      const retried = await grpc.deliveries.call<GrpcDelivery>('RetryDelivery', { id: delivery!.id });
      expect(retried).toMatchObject({ id: delivery!.id, status: 'pending' });
      await receiver.waitFor(2, { path: '/delivered' });
    });
  });

  describe("another tenant's resources", () => {
    let subscriptionId: string;
    let deliveryId: string;

    beforeAll(async () => {
      subscriptionId = (await createSubscription(api, { url: receiver.url('/isolated'), eventTypes: [types.delivered] })).id;
      await api.publish({ type: types.delivered, data: { sku: 'isolated' } });
      [{ id: deliveryId }] = (await api.waitForDeliveries(subscriptionId, 1, 'succeeded')) as [DeliveryView];
    });

    it.each([
      ['GetSubscription', () => ({ id: subscriptionId })],
      ['GetSubscriptionHealth', () => ({ id: subscriptionId })],
      ['UpdateSubscription', () => ({ id: subscriptionId, name: 'taken' })],
      ['DisableSubscription', () => ({ id: subscriptionId })],
      ['GetSubscriptionSecret', () => ({ id: subscriptionId })],
      ['RotateSubscriptionSecret', () => ({ id: subscriptionId })],
      ['ReplaySubscription', () => ({ id: subscriptionId, since: new Date(Date.now() - 3600_000).toISOString() })],
      ['DeleteSubscription', () => ({ id: subscriptionId })],
    ])('%s is NOT_FOUND', async (rpc, request) => {
      expect((await grpcError(otherGrpc.subscriptions.call(rpc, request()))).code).toBe(status.NOT_FOUND);
    });

    it('hides its deliveries and event types', async () => {
      expect((await grpcError(otherGrpc.deliveries.call('GetDelivery', { id: deliveryId }))).code).toBe(status.NOT_FOUND);
      expect((await grpcError(otherGrpc.deliveries.call('RetryDelivery', { id: deliveryId }))).code).toBe(status.NOT_FOUND);
      expect((await otherGrpc.deliveries.call<GrpcPage<GrpcDelivery>>('ListDeliveries', { subscriptionId })).data).toEqual([]);
      expect((await grpcError(otherGrpc.eventTypes.call('GetEventType', { name: types.delivered }))).code).toBe(status.NOT_FOUND);
      expect((await grpcError(otherGrpc.eventTypes.call('UpdateEventType', { name: types.delivered, description: 'mine' }))).code).toBe(status.NOT_FOUND);
      // Still there for its owner.
      expect(await grpc.subscriptions.call('GetSubscription', { id: subscriptionId })).toMatchObject({ id: subscriptionId, status: 'enabled' });
    });
  });
});
