import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Subscription } from './api.types';
import { HooklineApiError, HooklineError, HooklineNetworkError, HooklineTimeoutError } from './client.errors';
import { HooklineClient, ingestUrlFor } from './hookline-client';

interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Answer {
  status: number;
  json?: unknown;
  text?: string;
  contentType?: string;
  delayMs?: number;
}

/** A real HTTP server on 127.0.0.1 that records every request and answers as the test says. */
class FakeApi {
  readonly requests: Recorded[] = [];
  respond: (request: Recorded) => Answer = () => ({ status: 200, json: {} });
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeApi> {
    const server = createServer();
    const api = new FakeApi(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        const recorded = { method: request.method ?? '', path: url.pathname, query: url.searchParams, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
        api.requests.push(recorded);
        const answer = api.respond(recorded);
        const send = () => {
          if (response.destroyed) return;
          const body = answer.json === undefined ? (answer.text ?? '') : JSON.stringify(answer.json);
          const headers = body === '' ? {} : { 'content-type': answer.contentType ?? 'application/json' };
          response.writeHead(answer.status, headers).end(body);
        };
        if (answer.delayMs === undefined) send();
        else {
          const timer = setTimeout(() => {
            api.timers.delete(timer);
            send();
          }, answer.delayMs);
          api.timers.add(timer);
        }
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get last(): Recorded {
    const last = this.requests[this.requests.length - 1];
    if (last === undefined) throw new Error('no request arrived');
    return last;
  }

  reset(): void {
    this.requests.length = 0;
    this.respond = () => ({ status: 200, json: {} });
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

describe('HooklineClient', () => {
  let registry: FakeApi;
  let ingest: FakeApi;
  let client: HooklineClient;

  beforeAll(async () => {
    [registry, ingest] = await Promise.all([FakeApi.start(), FakeApi.start()]);
    client = new HooklineClient({ registryUrl: registry.url, ingestUrl: ingest.url, token: 'hk_test' });
  });

  afterAll(async () => {
    await Promise.all([registry.close(), ingest.close()]);
  });

  beforeEach(() => {
    registry.reset();
    ingest.reset();
  });

  describe('requests', () => {
    const since = new Date('2026-11-23T08:00:00.000Z');
    // Each call, and the method, path and JSON body (or none) the API must see.
    const cases: [string, (client: HooklineClient) => Promise<unknown>, string, string, unknown][] = [
      ['tenants.create', (c) => c.tenants.create({ name: 'Acme', alertEmail: 'ops@acme.test', locale: 'he' }), 'POST', '/v1/tenants', { name: 'Acme', alertEmail: 'ops@acme.test', locale: 'he' }],
      ['tenants.list', (c) => c.tenants.list(), 'GET', '/v1/tenants', undefined],
      ['tenants.current', (c) => c.tenants.current(), 'GET', '/v1/tenant', undefined],
      ['apiKeys.create', (c) => c.apiKeys.create({ name: 'ci' }), 'POST', '/v1/api-keys', { name: 'ci' }],
      ['apiKeys.list', (c) => c.apiKeys.list(), 'GET', '/v1/api-keys', undefined],
      ['apiKeys.delete', (c) => c.apiKeys.delete('key_1'), 'DELETE', '/v1/api-keys/key_1', undefined],
      ['eventTypes.create', (c) => c.eventTypes.create({ name: 'order.created', schema: { type: 'object' } }), 'POST', '/v1/event-types', { name: 'order.created', schema: { type: 'object' } }],
      ['eventTypes.get', (c) => c.eventTypes.get('order.created'), 'GET', '/v1/event-types/order.created', undefined],
      ['eventTypes.update', (c) => c.eventTypes.update('order.created', { description: null }), 'PATCH', '/v1/event-types/order.created', { description: null }],
      ['eventTypes.archive', (c) => c.eventTypes.archive('order.created'), 'DELETE', '/v1/event-types/order.created', undefined],
      ['subscriptions.create', (c) => c.subscriptions.create({ name: 'ERP', url: 'https://erp.test/hooks', policy: { mode: 'batch' } }), 'POST', '/v1/subscriptions', { name: 'ERP', url: 'https://erp.test/hooks', policy: { mode: 'batch' } }],
      ['subscriptions.get', (c) => c.subscriptions.get('sub_1'), 'GET', '/v1/subscriptions/sub_1', undefined],
      ['subscriptions.health', (c) => c.subscriptions.health('sub_1'), 'GET', '/v1/subscriptions/sub_1/health', undefined],
      ['subscriptions.update', (c) => c.subscriptions.update('sub_1', { rateLimitPerSecond: null, timeoutMs: 2000 }), 'PATCH', '/v1/subscriptions/sub_1', { rateLimitPerSecond: null, timeoutMs: 2000 }],
      ['subscriptions.delete', (c) => c.subscriptions.delete('sub_1'), 'DELETE', '/v1/subscriptions/sub_1', undefined],
      ['subscriptions.disable', (c) => c.subscriptions.disable('sub_1'), 'POST', '/v1/subscriptions/sub_1/disable', undefined],
      ['subscriptions.enable', (c) => c.subscriptions.enable('sub_1'), 'POST', '/v1/subscriptions/sub_1/enable', undefined],
      ['subscriptions.getSecret', (c) => c.subscriptions.getSecret('sub_1'), 'GET', '/v1/subscriptions/sub_1/secret', undefined],
      ['subscriptions.rotateSecret', (c) => c.subscriptions.rotateSecret('sub_1'), 'POST', '/v1/subscriptions/sub_1/rotate-secret', {}],
      ['subscriptions.test', (c) => c.subscriptions.test('sub_1', { data: { ping: true } }), 'POST', '/v1/subscriptions/sub_1/test', { data: { ping: true } }],
      ['subscriptions.replay', (c) => c.subscriptions.replay('sub_1', { since, statuses: ['dead'] }), 'POST', '/v1/subscriptions/sub_1/replay', { since: since.toISOString(), statuses: ['dead'] }],
      ['deliveries.get', (c) => c.deliveries.get('dlv_1'), 'GET', '/v1/deliveries/dlv_1', undefined],
      ['deliveries.retry', (c) => c.deliveries.retry('dlv_1'), 'POST', '/v1/deliveries/dlv_1/retry', undefined],
    ];

    it.each(cases)('%s sends the right method, path and body with the bearer token', async (_name, call, method, path, body) => {
      await call(client);
      expect(registry.requests).toHaveLength(1);
      const request = registry.last;
      expect([request.method, request.path]).toEqual([method, path]);
      expect(request.headers.authorization).toBe('Bearer hk_test');
      if (body === undefined) {
        expect(request.body).toBe('');
        expect(request.headers['content-type']).toBeUndefined();
      } else {
        expect(JSON.parse(request.body)).toEqual(body);
        expect(request.headers['content-type']).toBe('application/json');
      }
    });

    it('encodes path parameters, so an id cannot change the route', async () => {
      await client.subscriptions.get('sub_1/../../tenants?x=1#y');
      expect(registry.last.path).toBe('/v1/subscriptions/sub_1%2F..%2F..%2Ftenants%3Fx%3D1%23y');
      await client.eventTypes.get('ünï code');
      expect(registry.last.path).toBe('/v1/event-types/%C3%BCn%C3%AF%20code');
    });

    it('encodes query parameters and leaves out the undefined ones', async () => {
      registry.respond = () => ({ status: 200, json: { data: [], nextCursor: null } });
      await client.deliveries.list({ subscriptionId: 'sub_1', status: 'succeeded', since, until: undefined, limit: 5, cursor: 'a+b/c=' });
      const { query } = registry.last;
      expect([...query.keys()].sort()).toEqual(['cursor', 'limit', 'since', 'status', 'subscriptionId']);
      expect(Object.fromEntries(query)).toEqual({ subscriptionId: 'sub_1', status: 'succeeded', since: '2026-11-23T08:00:00.000Z', limit: '5', cursor: 'a+b/c=' });
      await client.subscriptions.list({ status: 'auto_disabled' });
      expect(Object.fromEntries(registry.last.query)).toEqual({ status: 'auto_disabled' });
      await client.eventTypes.list({ includeArchived: true });
      expect(Object.fromEntries(registry.last.query)).toEqual({ includeArchived: 'true' });
    });

    it('sends events to the ingest API, with the idempotency key as a header', async () => {
      ingest.respond = () => ({ status: 202, json: { id: 'evt_1', type: 'order.created', receivedAt: '2026-11-23T08:00:00.000Z', duplicate: false } });
      const occurredAt = new Date('2026-11-23T07:00:00.000Z');
      const published = await client.events.publish({ type: 'order.created', data: { total: 1 }, occurredAt }, { idempotencyKey: 'order-1001' });
      expect(published).toEqual({ id: 'evt_1', type: 'order.created', receivedAt: '2026-11-23T08:00:00.000Z', duplicate: false });
      expect(registry.requests).toHaveLength(0);
      expect([ingest.last.method, ingest.last.path]).toEqual(['POST', '/v1/events']);
      expect(ingest.last.headers['idempotency-key']).toBe('order-1001');
      expect(ingest.last.headers.authorization).toBe('Bearer hk_test');
      expect(JSON.parse(ingest.last.body)).toEqual({ type: 'order.created', data: { total: 1 }, occurredAt: '2026-11-23T07:00:00.000Z' });

      await client.events.publish({ type: 'order.created', data: null, id: 'order-1002' });
      expect(ingest.last.headers['idempotency-key']).toBeUndefined();
      expect(JSON.parse(ingest.last.body)).toEqual({ type: 'order.created', data: null, id: 'order-1002' });
    });

    it('publishes a batch and reads events from the ingest API', async () => {
      ingest.respond = ({ path }) => (path === '/v1/events/batch' ? { status: 202, json: { results: [{ index: 0, id: 'evt_1', type: 'a.b', receivedAt: 'x', duplicate: false }] } } : { status: 200, json: { data: [], nextCursor: null } });
      const { results } = await client.events.publishBatch([{ type: 'a.b', data: {} }]);
      expect(results).toEqual([{ index: 0, id: 'evt_1', type: 'a.b', receivedAt: 'x', duplicate: false }]);
      expect(JSON.parse(ingest.last.body)).toEqual({ events: [{ type: 'a.b', data: {} }] });
      await client.events.list({ type: 'a.b', since: '2026-11-23T10:00:00+02:00' });
      expect(ingest.last.path).toBe('/v1/events');
      expect(Object.fromEntries(ingest.last.query)).toEqual({ type: 'a.b', since: '2026-11-23T10:00:00+02:00' });
      await client.events.get('evt_1');
      expect([ingest.last.method, ingest.last.path]).toEqual(['GET', '/v1/events/evt_1']);
    });

    it('keeps a path prefix of the base URL', async () => {
      const prefixed = new HooklineClient({ registryUrl: `${registry.url}/hookline/`, ingestUrl: ingest.url, token: 'hk_test' });
      await prefixed.tenants.list();
      expect(registry.last.path).toBe('/hookline/v1/tenants');
    });
  });

  describe('answers', () => {
    it('resolves with the JSON body', async () => {
      const secret = { secret: 'whsec_abc', previousSecretExpiresAt: null };
      registry.respond = () => ({ status: 200, json: secret });
      await expect(client.subscriptions.getSecret('sub_1')).resolves.toEqual(secret);
    });

    it('resolves with undefined on 204', async () => {
      registry.respond = () => ({ status: 204 });
      await expect(client.subscriptions.delete('sub_1')).resolves.toBeUndefined();
    });

    it('turns a problem+json answer into a HooklineApiError with its fields', async () => {
      const problem = {
        type: 'urn:hookline:problem:validation',
        title: 'The request is not valid',
        status: 422,
        detail: 'url: must be https',
        errors: [{ field: 'url', message: 'must be https' }],
      };
      registry.respond = () => ({ status: 422, json: problem, contentType: 'application/problem+json' });
      const error = await client.subscriptions.create({ name: 'x', url: 'http://x.test' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HooklineApiError);
      expect(error).toBeInstanceOf(HooklineError);
      expect(error).toMatchObject({ ...problem, method: 'POST', url: `${registry.url}/v1/subscriptions` });
      expect((error as Error).message).toContain('422');
    });

    it('gives a 404 with an empty errors list', async () => {
      registry.respond = () => ({ status: 404, json: { type: 'urn:hookline:problem:not-found', title: 'Not found', status: 404, detail: 'subscription sub_9 not found' }, contentType: 'application/problem+json' });
      await expect(client.subscriptions.get('sub_9')).rejects.toMatchObject({ name: 'HooklineApiError', status: 404, type: 'urn:hookline:problem:not-found', errors: [] });
    });

    it('turns a non-JSON error page into an about:blank HooklineApiError of its status', async () => {
      registry.respond = () => ({ status: 502, text: '<html>Bad Gateway</html>', contentType: 'text/html' });
      await expect(client.tenants.list()).rejects.toMatchObject({ status: 502, type: 'about:blank', title: 'Bad Gateway', detail: '<html>Bad Gateway</html>', errors: [] });
    });
  });

  describe('pagination', () => {
    it('listAll walks every page, passing the cursor and the filter along', async () => {
      const pages: Record<string, Page<Pick<Subscription, 'id'>>> = {
        first: { data: [{ id: 'sub_5' }, { id: 'sub_4' }], nextCursor: 'c2' },
        c2: { data: [{ id: 'sub_3' }, { id: 'sub_2' }], nextCursor: 'c3' },
        c3: { data: [{ id: 'sub_1' }], nextCursor: null },
      };
      registry.respond = ({ query }) => ({ status: 200, json: pages[query.get('cursor') ?? 'first'] });
      const ids: string[] = [];
      for await (const subscription of client.subscriptions.listAll({ status: 'enabled', limit: 2 })) ids.push(subscription.id);
      expect(ids).toEqual(['sub_5', 'sub_4', 'sub_3', 'sub_2', 'sub_1']);
      expect(registry.requests.map((request) => Object.fromEntries(request.query))).toEqual([
        { status: 'enabled', limit: '2' },
        { status: 'enabled', limit: '2', cursor: 'c2' },
        { status: 'enabled', limit: '2', cursor: 'c3' },
      ]);
    });

    it('fetches no further page after a break', async () => {
      registry.respond = () => ({ status: 200, json: { data: [{ id: 'key_1' }, { id: 'key_2' }], nextCursor: 'more' } });
      for await (const key of client.apiKeys.listAll()) if (key.id === 'key_1') break;
      expect(registry.requests).toHaveLength(1);
    });

    it('passes an error of a later page to the loop', async () => {
      registry.respond = ({ query }) =>
        query.has('cursor')
          ? { status: 401, json: { type: 'urn:hookline:problem:unauthorized', title: 'Authentication required', status: 401, detail: 'bad token' }, contentType: 'application/problem+json' }
          : { status: 200, json: { data: [{ id: 'ten_1' }], nextCursor: 'next' } };
      const walk = async () => {
        for await (const _tenant of client.tenants.listAll()) continue;
      };
      await expect(walk()).rejects.toMatchObject({ status: 401 });
    });
  });

  describe('failures without an answer', () => {
    it('throws a HooklineTimeoutError when the answer takes longer than timeoutMs', async () => {
      registry.respond = () => ({ status: 200, json: {}, delayMs: 2000 });
      const impatient = new HooklineClient({ registryUrl: registry.url, token: 'hk_test', timeoutMs: 100 });
      const started = Date.now();
      const error = await impatient.tenants.list().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HooklineTimeoutError);
      expect(error).toBeInstanceOf(HooklineNetworkError);
      expect(error).not.toBeInstanceOf(HooklineApiError);
      expect(error).toMatchObject({ timeoutMs: 100, method: 'GET' });
      expect(Date.now() - started).toBeLessThan(1500);
      // One call may take longer than the client's default.
      registry.respond = () => ({ status: 200, json: { data: [], nextCursor: null }, delayMs: 200 });
      await expect(impatient.tenants.list({}, { timeoutMs: 1000 })).resolves.toEqual({ data: [], nextCursor: null });
    });

    it('throws a HooklineNetworkError when the caller aborts', async () => {
      registry.respond = () => ({ status: 200, json: {}, delayMs: 2000 });
      const controller = new AbortController();
      const pending = client.tenants.list({}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const error = await pending.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HooklineNetworkError);
      expect(error).not.toBeInstanceOf(HooklineTimeoutError);
      expect((error as Error).message).toContain('aborted');
    });

    it('throws a HooklineNetworkError, not a timeout, when nothing listens', async () => {
      const closed = await FakeApi.start();
      const url = closed.url;
      await closed.close();
      const unreachable = new HooklineClient({ registryUrl: url, token: 'hk_test' });
      const error = await unreachable.eventTypes.list().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HooklineNetworkError);
      expect(error).not.toBeInstanceOf(HooklineTimeoutError);
      expect((error as Error).message).toMatch(/ECONNREFUSED|fetch failed/);
    });
  });

  describe('options', () => {
    it('refuses a missing token and a bad timeout', () => {
      expect(() => new HooklineClient({ token: '' })).toThrow(TypeError);
      expect(() => new HooklineClient({ token: 'hk_x', timeoutMs: 0 })).toThrow(RangeError);
    });

    it('uses the given fetch', async () => {
      const seen: string[] = [];
      const counting = new HooklineClient({
        registryUrl: registry.url,
        token: 'hk_test',
        fetch: (input, init) => {
          seen.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
          return fetch(input, init);
        },
      });
      registry.respond = () => ({ status: 200, json: { data: [], nextCursor: null } });
      await counting.apiKeys.list({ limit: 1 });
      expect(seen).toEqual([`${registry.url}/v1/api-keys?limit=1`]);
    });

    it('derives the ingest URL from the registry URL', () => {
      expect(ingestUrlFor({})).toBe('http://127.0.0.1:8081');
      expect(ingestUrlFor({ registryUrl: 'http://localhost:8080' })).toBe('http://localhost:8081/');
      expect(ingestUrlFor({ registryUrl: 'https://hooks.example.com/api' })).toBe('https://hooks.example.com/api');
      expect(ingestUrlFor({ registryUrl: 'http://localhost:8080', ingestUrl: 'http://ingest:9000' })).toBe('http://ingest:9000');
    });
  });
});
