import { createHash, randomBytes } from 'node:crypto';
import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  adminToken,
  expectProblem,
  expectStatus,
  ingestClient,
  registryClient,
  type ApiResponse,
  type Page,
  type TenantApi,
} from '../support/api-client';
import { createEventType, createTenant } from '../support/factories';
import { GrpcServiceClient, grpcError, problemOf } from '../support/grpc-client';
import { metricSum } from '../support/metrics';
import { eventually, startReplica, testKafka, withDatabase, type ExtraReplica } from '../support/stack';

// The stack runs with a limit no spec reaches; this spec starts replicas of its own with a small one.
const LIMIT = 5;
const WINDOW_SECONDS = 60;
const REGISTRY_PORT = 18091;
const REGISTRY_GRPC_PORT = 15062;
const INGEST_PORT = 18092;
const throttled = { HOOKLINE_AUTH_FAILURE_LIMIT: String(LIMIT), HOOKLINE_AUTH_FAILURE_WINDOW_SECONDS: String(WINDOW_SECONDS) };

const unknownKey = (): string => `hk_${randomBytes(32).toString('base64url')}`;
const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

type Answer = ApiResponse<unknown> & { retryAfter: string | null };

/** One request with exactly the given Authorization header (none when undefined), keeping Retry-After. */
async function send(baseUrl: string, method: string, path: string, authorization?: string, json?: unknown): Promise<Answer> {
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, baseUrl), { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const body: unknown = /json/.test(contentType) && text !== '' ? JSON.parse(text) : undefined;
  return { status: response.status, contentType, text, body, retryAfter: response.headers.get('retry-after') };
}

/** A 429 too-many-requests problem that says how long to wait, within the window. */
function expectThrottled(answer: Answer): void {
  expectProblem(answer, 429, undefined, 'urn:hookline:problem:too-many-requests');
  expect(answer.retryAfter).toMatch(/^\d+$/);
  expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(answer.retryAfter)).toBeLessThanOrEqual(WINDOW_SECONDS);
}

/**
 * SPEC §7: API keys are stored as hashes, token checks are constant-time, and an address that keeps
 * failing to authenticate is refused (429, `Retry-After`) whatever token it sends next, until its
 * window passes — on its own process only.
 */
describe('authentication', () => {
  let tenant: TenantApi;
  let registry: ExtraReplica | undefined;
  let ingest: ExtraReplica | undefined;
  let probeType: string;

  beforeAll(async () => {
    tenant = await createTenant();
    probeType = (await createEventType(tenant)).name;
    const started = await Promise.allSettled([
      startReplica('registry', REGISTRY_PORT, { ...throttled, HOOKLINE_GRPC_PORT: String(REGISTRY_GRPC_PORT) }),
      startReplica('ingest', INGEST_PORT, throttled),
    ]);
    [registry, ingest] = started.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
    const failure = started.find((result) => result.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }, 120000);

  afterAll(async () => {
    await Promise.all([registry?.stop(), ingest?.stop()]);
    // The stack's ingest takes the replica's partitions back in a rebalance. Later specs expect events
    // to be stored at once, so wait until the group is the stack's ingest alone and an event is stored.
    const admin = testKafka('auth-throttling-spec').admin();
    await admin.connect();
    try {
      await eventually(async () => {
        const { groups } = await admin.describeGroups(['hookline-ingest']);
        return groups[0]?.state === 'Stable' && groups[0].members.length === 1 ? true : undefined;
      }, 60000);
    } finally {
      await admin.disconnect();
    }
    const probe = await tenant.publish({ type: probeType, data: { probe: true } });
    await eventually(async () => ((await tenant.ingest.get(`/v1/events/${probe.id}`)).status === 200 ? true : undefined), 60000);
  }, 150000);

  it('stores API keys only as the SHA-256 of the token', async () => {
    const second = expectStatus(await tenant.registry.post<{ id: string; apiKey: string }>('/v1/api-keys', { name: 'second' }), 201);
    const plaintexts = [tenant.tenant.apiKey, second.apiKey];
    const { keys, tenants } = await withDatabase(async (client) => ({
      keys: (await client.query<Record<string, unknown>>('SELECT * FROM api_keys WHERE tenant_id = $1', [tenant.id])).rows,
      tenants: (await client.query<Record<string, unknown>>('SELECT * FROM tenants WHERE id = $1', [tenant.id])).rows,
    }));

    expect(keys).toHaveLength(2);
    expect(keys.map((row) => row.token_hash).sort()).toEqual(plaintexts.map(sha256Hex).sort());
    expect(keys.find((row) => row.id === second.id)).toMatchObject({ token_hash: sha256Hex(second.apiKey), token_hint: second.apiKey.slice(-4) });
    expect(tenants).toHaveLength(1);
    for (const row of [...keys, ...tenants]) {
      const stored = JSON.stringify(row);
      for (const plaintext of plaintexts) {
        expect(stored).not.toContain(plaintext);
        // Nor the random part alone, in case a prefix were stripped before storing.
        expect(stored).not.toContain(plaintext.slice('hk_'.length));
      }
    }
  });

  describe('throttling of failed attempts', () => {
    it(`refuses a registry client after ${LIMIT} failures, over REST and gRPC, whatever token it sends`, async () => {
      const url = registry!.url;
      const grpc = new GrpcServiceClient('SubscriptionService', tenant.tenant.apiKey, `127.0.0.1:${REGISTRY_GRPC_PORT}`);
      try {
        // The good key works on the replica before, and a success does not wipe out failures after it.
        expectStatus(await send(url, 'GET', '/v1/subscriptions', `Bearer ${tenant.tenant.apiKey}`), 200);
        await expect(grpc.call('ListSubscriptions')).resolves.toMatchObject({ data: expect.any(Array) });

        // Every kind of failure counts: none, garbage, an unknown key, a wrong admin token, a tenant key on an admin route.
        const failures: [string, string, string | undefined][] = [
          ['GET', '/v1/subscriptions', undefined],
          ['GET', '/v1/subscriptions', 'Bearer not-a-token'],
          ['GET', '/v1/event-types', `Bearer ${unknownKey()}`],
          ['GET', '/v1/tenants', 'Bearer not-the-admin-token-at-all'],
          ['GET', '/v1/tenants', `Bearer ${tenant.tenant.apiKey}`],
        ];
        expect(failures).toHaveLength(LIMIT);
        for (const [method, path, authorization] of failures) {
          const answer = await send(url, method, path, authorization);
          expectProblem(answer, 401);
          expect(answer.retryAfter).toBeNull();
        }

        expectThrottled(await send(url, 'GET', '/v1/subscriptions', `Bearer ${unknownKey()}`));
        // A right token is refused exactly like a wrong one, so a correct guess shows nothing.
        expectThrottled(await send(url, 'GET', '/v1/subscriptions', `Bearer ${tenant.tenant.apiKey}`));
        expectThrottled(await send(url, 'POST', '/v1/event-types', `Bearer ${tenant.tenant.apiKey}`, { name: 'throttled.happened' }));
        expectThrottled(await send(url, 'GET', '/v1/tenants', `Bearer ${adminToken()}`));

        const refused = await grpcError(grpc.call('ListSubscriptions'));
        expect(refused.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
        expect(problemOf(refused)).toMatchObject({ status: 429 });
        expect(Number(refused.metadata.get('retry-after')[0])).toBeGreaterThanOrEqual(1);

        // Routes without a token are not throttled.
        expect((await send(url, 'GET', '/healthz')).status).toBe(200);
        expect((await send(url, 'GET', '/openapi.json')).status).toBe(200);
      } finally {
        grpc.close();
      }

      expect(await metricSum(url, 'hookline_auth_failures_total')).toBe(LIMIT);
      expect(await metricSum(url, 'hookline_auth_failures_total', { reason: 'missing_token' })).toBe(1);
      expect(await metricSum(url, 'hookline_auth_failures_total', { reason: 'invalid_api_key' })).toBe(2);
      expect(await metricSum(url, 'hookline_auth_failures_total', { reason: 'invalid_admin_token' })).toBe(2);
      expect(await metricSum(url, 'hookline_auth_throttled_total')).toBe(5);
      // No event type was created by the refused POST.
      const types = expectStatus(await tenant.registry.get<Page<{ name: string }>>('/v1/event-types'), 200);
      expect(types.data.map((type) => type.name)).not.toContain('throttled.happened');
    });

    it(`refuses an ingest client after ${LIMIT} failures, good key or bad`, async () => {
      const url = ingest!.url;
      expectStatus(await send(url, 'GET', '/v1/events', `Bearer ${tenant.tenant.apiKey}`), 200);
      for (let n = 0; n < LIMIT; n += 1) {
        expectProblem(await send(url, 'POST', '/v1/events', `Bearer ${unknownKey()}`, { type: 'order.created', data: {} }), 401);
      }
      expectThrottled(await send(url, 'POST', '/v1/events', `Bearer ${unknownKey()}`, { type: 'order.created', data: {} }));
      expectThrottled(await send(url, 'GET', '/v1/events', `Bearer ${tenant.tenant.apiKey}`));
      expectThrottled(await send(url, 'POST', '/v1/events/batch', `Bearer ${tenant.tenant.apiKey}`, { events: [] }));
      expect(await metricSum(url, 'hookline_auth_failures_total', { reason: 'invalid_api_key' })).toBe(LIMIT);
      expect(await metricSum(url, 'hookline_auth_throttled_total')).toBe(3);
    });

    it('counts per process: the stack’s own registry and ingest still answer the same address', async () => {
      expectStatus(await registryClient(tenant.tenant.apiKey).get('/v1/subscriptions'), 200);
      expectStatus(await ingestClient(tenant.tenant.apiKey).get('/v1/events'), 200);
      expectProblem(await registryClient(unknownKey()).get('/v1/subscriptions'), 401);
      // The replicas keep refusing for the rest of their window.
      expectThrottled(await send(registry!.url, 'GET', '/v1/subscriptions', `Bearer ${tenant.tenant.apiKey}`));
      expectThrottled(await send(ingest!.url, 'GET', '/v1/events', `Bearer ${tenant.tenant.apiKey}`));
    });
  });
});
