import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { TestDnsServer } from '@hookline/delivery-http/testing';
import { ApiClient, expectProblem, expectStatus, type CreatedSubscription, type Page, type SubscriptionView } from '../support/api-client';
import { createTenant, SubscriptionFactory } from '../support/factories';
import { startReplica, type ExtraReplica } from '../support/stack';

/** What `POST /v1/subscriptions/{id}/test` answers (SPEC §3), always with status 200. */
interface TestSendResult {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseBody: string | null;
}

// Beside the stack's own ports (18080–18086, gRPC 15051).
const REPLICA_HTTP_PORT = 18090;
const REPLICA_GRPC_PORT = 15061;
const REBIND_NAME = 'rebind.hookline.test';

/**
 * SSRF (SPEC §7). The stack runs with private networks and http allowed, for its loopback receivers, so
 * this spec starts a registry replica with both refused whose deliveries resolve names through a DNS
 * server the spec controls. Tenants and keys live in Postgres, so the replica serves the same tenants.
 */
describe('SSRF protection with private networks and http not allowed', () => {
  let dns: TestDnsServer | undefined;
  let listener: Server | undefined;
  let listenerPort: number;
  let connections = 0;
  let replica: ExtraReplica | undefined;
  let registry: ApiClient;
  let existing: CreatedSubscription;

  beforeAll(async () => {
    dns = await TestDnsServer.start();
    // Where the rebinding name points: a refused connect must never reach it.
    const server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    listener = server;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    listenerPort = (server.address() as AddressInfo).port;

    replica = await startReplica('registry', REPLICA_HTTP_PORT, {
      HOOKLINE_GRPC_PORT: String(REPLICA_GRPC_PORT),
      HOOKLINE_ALLOW_PRIVATE_NETWORKS: 'false',
      HOOKLINE_ALLOW_INSECURE_URLS: 'false',
      HOOKLINE_DNS_SERVERS: dns.address,
    });
    const api = await createTenant();
    registry = new ApiClient(replica.url, api.tenant.apiKey);
    // Never resolved: no event is published to this tenant.
    existing = expectStatus(
      await registry.post<CreatedSubscription>('/v1/subscriptions', SubscriptionFactory.build({ url: 'https://hooks.hookline.test/in' })),
      201,
    );
  });

  afterAll(async () => {
    await replica?.stop();
    if (listener?.listening) {
      const closed = once(listener, 'close');
      listener.close();
      await closed;
    }
    await dns?.close();
  });

  const refusedUrls: [string, RegExp][] = [
    ['http://example.com/', /must use https/],
    ['https://127.0.0.1/', /not a public address \(loopback\)/],
    ['https://10.0.0.1/', /not a public address \(private\)/],
    ['https://172.16.5.4/', /not a public address \(private\)/],
    ['https://192.168.0.1/', /not a public address \(private\)/],
    ['https://100.64.1.1/', /not a public address \(shared_address_space\)/],
    ['https://169.254.169.254/latest/meta-data', /not a public address \(cloud_metadata\)/],
    ['https://[::1]/', /not a public address \(loopback\)/],
    ['https://[fd12::1]/', /not a public address \(unique_local\)/],
    ['https://[fe80::1]/', /not a public address \(link_local\)/],
    ['https://[::ffff:127.0.0.1]/', /not a public address \(loopback\)/],
    ['https://localhost/', /always refers to this machine/],
    ['https://user:pw@example.com/', /must not contain a username or password/],
  ];

  describe('when a subscription is saved', () => {
    it.each(refusedUrls)('refuses %s with a 422 naming url', async (url, reason) => {
      const created = await registry.post('/v1/subscriptions', SubscriptionFactory.build({ url }));
      const problem = expectProblem(created, 422, 'url');
      expect(problem.errors?.find((error) => error.field === 'url')?.message).toMatch(reason);
    });

    it.each(refusedUrls)('refuses a change of the URL to %s with a 422 naming url', async (url, reason) => {
      const patched = await registry.patch(`/v1/subscriptions/${existing.id}`, { url });
      const problem = expectProblem(patched, 422, 'url');
      expect(problem.errors?.find((error) => error.field === 'url')?.message).toMatch(reason);
      expect(expectStatus(await registry.get<SubscriptionView>(`/v1/subscriptions/${existing.id}`), 200).url).toBe('https://hooks.hookline.test/in');
    });

    it('stores none of the refused URLs', async () => {
      const listed = expectStatus(await registry.get<Page<SubscriptionView>>('/v1/subscriptions', { query: { limit: 250 } }), 200);
      const stored = listed.data.map((subscription) => subscription.url);
      expect(stored.filter((url) => refusedUrls.some(([refused]) => refused === url))).toEqual([]);
    });
  });

  describe('when it connects', () => {
    it('accepts a name without resolving it, then refuses every test send to the private address it resolves to', async () => {
      const dnsServer = dns!;
      dnsServer.answer(REBIND_NAME, ['127.0.0.1']);
      const subscription = expectStatus(
        await registry.post<CreatedSubscription>('/v1/subscriptions', SubscriptionFactory.build({ url: `https://${REBIND_NAME}:${listenerPort}/hook` })),
        201,
      );
      expect(dnsServer.queriesFor(REBIND_NAME)).toEqual([]);

      const first = expectStatus(await registry.post<TestSendResult>(`/v1/subscriptions/${subscription.id}/test`, {}), 200);
      expect(first).toEqual({
        ok: false,
        statusCode: null,
        durationMs: expect.any(Number),
        error: expect.stringMatching(/^blocked_destination: .*resolves to 127\.0\.0\.1, not a public address \(loopback\)/),
        responseBody: null,
      });
      const askedFirst = dnsServer.queriesFor(REBIND_NAME);
      expect(askedFirst).toContainEqual({ name: REBIND_NAME, type: 'A' });

      // Re-pointed between two sends: the second resolves again and is refused for the new answer.
      dnsServer.answer(REBIND_NAME, ['::1']);
      const second = expectStatus(await registry.post<TestSendResult>(`/v1/subscriptions/${subscription.id}/test`, {}), 200);
      expect(second).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/^blocked_destination: .*resolves to ::1,/) });
      expect(dnsServer.queriesFor(REBIND_NAME).length).toBeGreaterThan(askedFirst.length);

      expect(connections).toBe(0);
    });
  });
});
