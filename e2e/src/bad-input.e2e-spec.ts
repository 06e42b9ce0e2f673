import { Topics } from '@hookline/contracts';
import {
  adminClient,
  expectProblem,
  expectStatus,
  type AcceptedEvent,
  type ApiClient,
  type ApiResponse,
  type BatchResult,
  type CreatedSubscription,
  type EventTypeView,
  type EventView,
  type TenantApi,
} from '../support/api-client';
import { createEventType, createSubscription, createTenant, SubscriptionFactory, unique, type SubscriptionInput } from '../support/factories';
import { requestHead, sendRaw } from '../support/raw-http';
import { eventually, stack, testKafka } from '../support/stack';

const endpoint = 'http://127.0.0.1:9/hooks';

const validation = 'urn:hookline:problem:validation';
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** SPEC §7: every bad input gets a 4xx problem+json naming the field, never a 5xx, and never loses accepted data. */
describe('bad input', () => {
  let api: TenantApi;
  let type: string;
  let subscription: CreatedSubscription;

  beforeAll(async () => {
    api = await createTenant();
    type = (
      await createEventType(api, {
        name: `${unique('payment')}.captured`,
        schema: {
          type: 'object',
          properties: {
            amount: { type: 'number' },
            items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] } },
          },
          required: ['amount'],
        },
      })
    ).name;
    subscription = await createSubscription(api, { url: endpoint, eventTypes: [type] });
  });

  describe('creating a subscription', () => {
    it.each<[string, Partial<SubscriptionInput> | (() => Partial<SubscriptionInput>) | Record<string, unknown>, string]>([
      ['an ftp:// URL', { url: 'ftp://example.com/hooks' }, 'url'],
      ['credentials in the URL', { url: 'https://user:secret@example.com/hooks' }, 'url'],
      ['a URL that is not one', { url: 'not a url' }, 'url'],
      ['a relative URL', { url: '/hooks' }, 'url'],
      ['a URL with a fragment', { url: 'https://example.com/hooks#section' }, 'url'],
      ['no URL', { url: undefined }, 'url'],
      ['no name', { name: undefined }, 'name'],
      ['an unknown event type', { eventTypes: ['no.such.type'] }, 'eventTypes.0'],
      ['an unknown event type after a known one', () => ({ eventTypes: [type, 'no.such.type'] }), 'eventTypes.1'],
      ['a malformed event type pattern', { eventTypes: ['order.**'] }, 'eventTypes.0'],
      ['no event types', { eventTypes: [] }, 'eventTypes'],
      ['a retry delay of 0 s', { retrySchedule: [0] }, 'retrySchedule.0'],
      ['a retry delay over a day (86401 s)', { retrySchedule: [5, 86401] }, 'retrySchedule.1'],
      ['21 retry delays', { retrySchedule: Array.from({ length: 21 }, () => 5) }, 'retrySchedule'],
      ['an empty retry schedule', { retrySchedule: [] }, 'retrySchedule'],
      ['a fractional retry delay', { retrySchedule: [1.5] }, 'retrySchedule.0'],
      ['timeoutMs under 1000', { timeoutMs: 999 }, 'timeoutMs'],
      ['timeoutMs over 30000', { timeoutMs: 30001 }, 'timeoutMs'],
      ['timeoutMs as a string', { timeoutMs: '5000' }, 'timeoutMs'],
      ['a signature header', { headers: { 'Webhook-Signature': 'v1,forged' } }, 'headers.Webhook-Signature'],
      ['a hop-by-hop header', { headers: { Connection: 'close' } }, 'headers.Connection'],
      ['Authorization among the custom headers', { headers: { Authorization: 'Bearer x' } }, 'headers.Authorization'],
      ['a header value with CR LF', { headers: { 'X-Ok': 'a\r\nX-Injected: 1' } }, 'headers.X-Ok'],
      ['a malformed secret', { secret: 'whsec_short' }, 'secret'],
      ['an unknown policy mode', { policy: { mode: 'firehose' } }, 'policy'],
      ['maxInFlight 0', { maxInFlight: 0 }, 'maxInFlight'],
      ['an unknown field', { colour: 'red' }, 'colour'],
    ])('refuses %s', async (_label, overrides, field) => {
      const input = { ...SubscriptionFactory.build({ url: endpoint }), ...(typeof overrides === 'function' ? overrides() : overrides) };
      expectProblem(await api.registry.post('/v1/subscriptions', input), 422, field, validation);
    });

    it('refuses the same bad fields in an update, and leaves the subscription as it was', async () => {
      const patch = (body: unknown) => api.registry.patch(`/v1/subscriptions/${subscription.id}`, body);
      expectProblem(await patch({ url: 'ftp://example.com/hooks' }), 422, 'url', validation);
      expectProblem(await patch({ timeoutMs: 31000 }), 422, 'timeoutMs', validation);
      expectProblem(await patch({ eventTypes: ['no.such.type'] }), 422, 'eventTypes.0', validation);
      expectProblem(await patch({ headers: { 'webhook-id': 'x' } }), 422, 'headers.webhook-id', validation);
      expect(await api.subscription(subscription.id)).toMatchObject({ url: endpoint, timeoutMs: 2000, eventTypes: [type], headers: {} });
    });

    it('names an unknown field of an update', async () => {
      expectProblem(await api.registry.patch(`/v1/subscriptions/${subscription.id}`, { retries: 3 }), 422, 'retries', validation);
    });
  });

  describe('event types and tenants', () => {
    it.each<[string, Record<string, unknown>, string]>([
      ['a name with spaces', { name: 'order created' }, 'name'],
      ['a reserved hookline.* name', { name: 'hookline.custom' }, 'name'],
      ['a schema that does not compile', { name: `${unique('x')}.y`, schema: { type: 'nope' } }, 'schema'],
      ['a schema that is not an object', { name: `${unique('x')}.y`, schema: 'any' }, 'schema'],
      ['a description that is not text', { name: `${unique('x')}.y`, description: 5 }, 'description'],
    ])('refuses an event type with %s', async (_label, body, field) => {
      expectProblem(await api.registry.post('/v1/event-types', body), 422, field, validation);
    });

    it('answers 409 for an event type that already exists', async () => {
      expectProblem(await api.registry.post('/v1/event-types', { name: type }), 409, undefined, 'urn:hookline:problem:conflict');
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['no name', {}, 'name'],
      ['an unknown locale', { name: 'x', locale: 'fr' }, 'locale'],
      ['an alert e-mail that is not one', { name: 'x', alertEmail: 'not-mail' }, 'alertEmail'],
    ])('refuses a tenant with %s', async (_label, body, field) => {
      expectProblem(await adminClient().post('/v1/tenants', body), 422, field, validation);
    });
  });

  describe('publishing events', () => {
    const publish = (body: unknown, headers?: Record<string, string>) => api.ingest.post('/v1/events', body, headers === undefined ? {} : { headers });

    it('answers 400 to a body that is not JSON', async () => {
      expectProblem(await api.ingest.request('POST', '/v1/events', { raw: `{"type": "${type}", "data": ` }), 400, undefined, 'urn:hookline:problem:malformed-json');
      expectProblem(await api.registry.request('POST', '/v1/subscriptions', { raw: '{name: nope}' }), 400, undefined, 'urn:hookline:problem:malformed-json');
    });

    it('answers 415 to a text/plain body', async () => {
      const response = await api.ingest.request('POST', '/v1/events', { raw: JSON.stringify({ type, data: { amount: 1 } }), contentType: 'text/plain' });
      expectProblem(response, 415, undefined, 'urn:hookline:problem:unsupported-media-type');
    });

    it('answers 413 to an event over 262144 bytes', async () => {
      const response = await publish({ type, data: { amount: 1, blob: 'x'.repeat(262144) } });
      expectProblem(response, 413, undefined, 'urn:hookline:problem:payload-too-large');
    });

    // The size check reads the Content-Length header only; a chunked body has none.
    it('answers 413 to an event over 262144 bytes sent without a Content-Length', async () => {
      const response = await api.ingest.postChunked<AcceptedEvent>('/v1/events', JSON.stringify({ type, data: { amount: 1, blob: 'x'.repeat(300000) } }));
      expectProblem(response, 413, undefined, 'urn:hookline:problem:payload-too-large');
    });

    it('answers 422 unknown-event-type to a type that is not in the catalog', async () => {
      expectProblem(await publish({ type: 'no.such.type', data: {} }), 422, 'type', 'urn:hookline:problem:unknown-event-type');
      expectProblem(await publish({ type: 'hookline.test', data: {} }), 422, 'type', 'urn:hookline:problem:unknown-event-type');
    });

    it.each<[string, unknown, string]>([
      ['a field of the wrong type', { amount: 'lots' }, 'data.amount'],
      ['a missing required field', { note: 'no amount' }, 'data'],
      ['a nested field of the wrong type', { amount: 1, items: [{ sku: 42 }] }, 'data.items.0.sku'],
      ['data that is not an object', 'just text', 'data'],
    ])("answers 422 naming the field to data failing the type's schema: %s", async (_label, data, field) => {
      expectProblem(await publish({ type, data }), 422, field, validation);
    });

    it.each<[string, Record<string, unknown>, string, Record<string, string>]>([
      ['no data', { type: 'x' }, 'data', {}],
      ['no type', { data: {} }, 'type', {}],
      ['an occurredAt that is not a time', { type: 'x', data: {}, occurredAt: 'yesterday' }, 'occurredAt', {}],
      ['an empty id', { type: 'x', data: {}, id: '' }, 'id', {}],
      ['an unknown field', { type: 'x', data: {}, tenantId: 'ten_x' }, 'tenantId', {}],
      ['an Idempotency-Key with a space', { type: 'x', data: {} }, 'header.idempotency-key', { 'idempotency-key': 'has space' }],
    ])('answers 422 to an event with %s', async (_label, body, field, headers) => {
      expectProblem(await publish(body, headers), 422, field, validation);
    });

    it('answers a batch item over 262144 bytes with its own 413 and accepts the others', async () => {
      const results = await api.publishBatch([
        { type, data: { amount: 1 } },
        { type, data: { amount: 2, blob: 'x'.repeat(262144) } },
      ]);
      expect(results[0]).toMatchObject({ index: 0, id: expect.stringMatching(/^evt_/), duplicate: false });
      expect(results[1]).toEqual({ index: 1, error: expect.objectContaining({ status: 413, type: 'urn:hookline:problem:payload-too-large' }) });
    });

    it.each<[string, unknown]>([
      ['1001 events', { events: Array.from({ length: 1001 }, () => ({ type: 'x', data: {} })) }],
      ['no events', { events: [] }],
      ['events that are not an array', { events: { type: 'x', data: {} } }],
      ['no events field', {}],
    ])('answers 422 to a batch with %s', async (_label, body) => {
      expectProblem(await api.ingest.post('/v1/events/batch', body), 422, 'events', validation);
    });
  });

  describe('list parameters', () => {
    const lists: [string, () => ApiClient, string][] = [
      ['registry', () => api.registry, '/v1/subscriptions'],
      ['registry', () => api.registry, '/v1/deliveries'],
      ['registry', () => api.registry, '/v1/event-types'],
      ['registry', () => api.registry, '/v1/api-keys'],
      ['registry (admin)', () => adminClient(), '/v1/tenants'],
      ['ingest', () => api.ingest, '/v1/events'],
    ];
    const bad: [string, Record<string, string>, string][] = [
      ['limit=0', { limit: '0' }, 'query.limit'],
      ['limit=251', { limit: '251' }, 'query.limit'],
      ['limit=ten', { limit: 'ten' }, 'query.limit'],
      ['cursor=garbage', { cursor: 'garbage' }, 'query.cursor'],
    ];

    it.each(lists.flatMap(([service, client, path]) => bad.map(([label, query, field]) => [service, path, label, client, query, field] as const)))(
      '%s GET %s?%s → 422 naming the parameter',
      async (_service, path, _label, client, query, field) => {
        expectProblem(await client().get(path, { query }), 422, field, validation);
      },
    );

    it.each<[string, () => ApiClient, string, Record<string, string>, string]>([
      ['deliveries by an unknown status', () => api.registry, '/v1/deliveries', { status: 'lost' }, 'query.status'],
      ['deliveries since a non-time', () => api.registry, '/v1/deliveries', { since: 'yesterday' }, 'query.since'],
      ['subscriptions by an unknown status', () => api.registry, '/v1/subscriptions', { status: 'sleeping' }, 'query.status'],
      ['events of a malformed type', () => api.ingest, '/v1/events', { type: 'not a type' }, 'query.type'],
      ['events until a non-time', () => api.ingest, '/v1/events', { until: 'later' }, 'query.until'],
    ])('refuses listing %s', async (_label, client, path, query, field) => {
      expectProblem(await client().get(path, { query }), 422, field, validation);
    });

    it('follows the cursor it handed out to the next page', async () => {
      await createEventType(api);
      await createEventType(api);
      const list = async (cursor?: string) =>
        expectStatus(await api.registry.get<{ data: { name: string }[]; nextCursor: string | null }>('/v1/event-types', { query: { limit: 1, cursor } }), 200);
      const first = await list();
      expect(first.data).toHaveLength(1);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await list(first.nextCursor!);
      expect(second.data).toHaveLength(1);
      expect(second.data[0]!.name).not.toBe(first.data[0]!.name);
    });
  });

  // Postgres text and jsonb cannot hold U+0000; input carrying it must be refused (or stored some other
  // way) before it reaches the database.
  describe('a NUL character (U+0000)', () => {
    const nul = 'a\u0000b';

    it.each<[string, (client: { api: TenantApi }) => Promise<ApiResponse<unknown>>, string]>([
      ['in a subscription name', ({ api: tenant }) => tenant.registry.post('/v1/subscriptions', SubscriptionFactory.build({ url: endpoint, name: nul })), 'name'],
      ['in a subscription description', ({ api: tenant }) => tenant.registry.post('/v1/subscriptions', SubscriptionFactory.build({ url: endpoint, description: nul })), 'description'],
      ['in an event type description', ({ api: tenant }) => tenant.registry.post('/v1/event-types', { name: `${unique('nul')}.x`, description: nul }), 'description'],
      ['in an API key name', ({ api: tenant }) => tenant.registry.post('/v1/api-keys', { name: nul }), 'name'],
      ['in a tenant name', () => adminClient().post('/v1/tenants', { name: nul }), 'name'],
    ])('%s is a 422 naming the field', async (_label, send, field) => {
      expectProblem(await send({ api }), 422, field, validation);
    });

    it.each<[string, () => ApiClient, string]>([
      ['a delivery id', () => api.registry, '/v1/deliveries/%00'],
      ['a subscription id', () => api.registry, '/v1/subscriptions/%00'],
      ['an event type name', () => api.registry, '/v1/event-types/%00'],
      ['an event id', () => api.ingest, '/v1/events/%00'],
    ])('in %s of a path is a 404', async (_label, client, path) => {
      expectProblem(await client().get(path), 404);
    });

    it('in a list filter is not a server error', async () => {
      const response = await api.registry.get('/v1/deliveries', { query: { subscriptionId: nul } });
      expect(response.status).toBeLessThan(500);
    });

    it('in the data of a published event is refused, or the event is stored — never accepted and lost', async () => {
      // Its own tenant: should the event jam its partition of hookline.events.v1, the spec cuts it out (below)
      // so the rest of the run is not stuck behind it.
      const tenant = await createTenant();
      const nulType = (await createEventType(tenant)).name;
      const admin = testKafka('bad-input-e2e').admin();
      await admin.connect();
      const before = await admin.fetchTopicOffsets(Topics.events);
      const response = await tenant.ingest.post<AcceptedEvent>('/v1/events', { type: nulType, data: { note: nul } });
      let stored = response.status !== 202;
      try {
        if (response.status === 202) {
          await eventually(async () => ((await tenant.ingest.get(`/v1/events/${response.body.id}`)).status === 200 ? true : undefined), 6000);
          stored = true;
        } else {
          expectProblem(response, 422, 'data', validation);
        }
      } finally {
        if (!stored) {
          const after = await admin.fetchTopicOffsets(Topics.events);
          const moved = after.filter((partition) => before.find((old) => old.partition === partition.partition)?.high !== partition.high);
          for (const partition of moved) {
            const start = BigInt(before.find((old) => old.partition === partition.partition)!.high);
            await admin.deleteTopicRecords({ topic: Topics.events, partitions: [{ partition: partition.partition, offset: String(start + 1n) }] });
          }
          const marker = await tenant.publish({ type: nulType, data: { note: 'after the NUL' } });
          await eventually(async () => ((await tenant.ingest.get(`/v1/events/${marker.id}`)).status === 200 ? true : undefined), 30000);
        }
        await admin.disconnect();
      }
    });
  });

  // A few kilobytes of nested arrays overflow the stack of JSON.stringify and of the schema compiler.
  describe('deeply nested JSON', () => {
    it('in the data of an event is a 4xx, not a 5xx', async () => {
      const response = await api.ingest.request('POST', '/v1/events', { raw: `{"type":"${type}","data":{"amount":1,"deep":${nested(5000)}}}` });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    });

    it('in a batch is a per-item error or a 4xx, not a 5xx', async () => {
      const response = await api.ingest.request('POST', '/v1/events/batch', { raw: `{"events":[{"type":"${type}","data":{"amount":1,"deep":${nested(5000)}}}]}` });
      expect(response.status).toBeLessThan(500);
      if (response.status === 202) expect((response.body as { results: BatchResult[] }).results[0]).toHaveProperty('error');
    });

    it('in an event type schema is a 422 naming the schema', async () => {
      const response = await api.registry.request('POST', '/v1/event-types', { raw: `{"name":"${unique('deep')}.x","schema":{"default":${nested(5000)}}}` });
      expectProblem(response, 422, 'schema', validation);
    });
  });

  // Decoded with replacement, invalid bytes used to become U+FFFD and be stored as if the caller had sent that.
  describe('a JSON body that is not UTF-8', () => {
    const sequences: [string, number[]][] = [
      ['a 0xFF byte', [0xff]],
      ['a lone continuation byte', [0x80]],
      ['an overlong encoding of "/"', [0xc0, 0xaf]],
      ['an encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80]],
      ['a truncated three-byte sequence', [0xe2, 0x82]],
    ];
    const around = (before: string, bad: Buffer, after: string) => Buffer.concat([Buffer.from(before, 'utf8'), bad, Buffer.from(after, 'utf8')]);
    const routes: [string, () => ApiClient, (bad: Buffer) => Buffer][] = [
      ['/v1/events', () => api.ingest, (bad) => around(`{"type":"${type}","data":{"amount":1,"note":"a`, bad, 'b"}}')],
      ['/v1/subscriptions', () => api.registry, (bad) => around(`{"url":"${endpoint}","name":"a`, bad, 'b"}')],
      ['/v1/event-types', () => api.registry, (bad) => around(`{"name":"${unique('utf8')}.x","description":"a`, bad, 'b"}')],
    ];

    it.each(routes.flatMap(([path, client, body]) => sequences.map(([label, bytes]) => [path, label, client, body, bytes] as const)))(
      'POST %s with %s inside a string is a 400 malformed-json',
      async (path, _label, client, body, bytes) => {
        expectProblem(await client().request('POST', path, { raw: body(Buffer.from(bytes)) }), 400, undefined, 'urn:hookline:problem:malformed-json');
      },
    );

    it('stores nothing of a refused body, and takes the same text as UTF-8', async () => {
      const name = `${unique('utf8')}.x`;
      const bad = Buffer.from(`{"name":"${name}","description":"caf\xe9"}`, 'latin1');
      expectProblem(await api.registry.request('POST', '/v1/event-types', { raw: bad }), 400, undefined, 'urn:hookline:problem:malformed-json');
      expectProblem(await api.registry.get(`/v1/event-types/${name}`), 404);
      const good = Buffer.from(`{"name":"${name}","description":"caf\u00e9 ✓"}`, 'utf8');
      expect(expectStatus(await api.registry.request<EventTypeView>('POST', '/v1/event-types', { raw: good }), 201)).toMatchObject({ name, description: 'café ✓' });
    });
  });

  // Postgres jsonb refuses a "\ud800" escape outright: a 500, or an event accepted that the intake could never store.
  describe('an unpaired UTF-16 surrogate (a \\ud800 escape in the JSON)', () => {
    it.each<[string, () => Promise<ApiResponse<unknown>>, string]>([
      ['in the data of an event', () => api.ingest.post('/v1/events', { type, data: { amount: 1, note: 'x\ud800' } }), 'data.note'],
      ['in a key of event data', () => api.ingest.post('/v1/events', { type, data: { amount: 1, ['k\udfff']: 1 } }), 'data.k'],
      ['in a batch item', () => api.ingest.post('/v1/events/batch', { events: [{ type, data: { amount: 1, note: '\udc00' } }] }), 'events.0.data.note'],
      ['in an event type schema', () => api.registry.post('/v1/event-types', { name: `${unique('half')}.x`, schema: { description: '\udc00' } }), 'schema.description'],
      ['in a subscription header value', () => api.registry.post('/v1/subscriptions', SubscriptionFactory.build({ url: endpoint, headers: { 'X-Half': 'a\ud83d' } })), 'headers.X-Half'],
      ['in a subscription name', () => api.registry.post('/v1/subscriptions', SubscriptionFactory.build({ url: endpoint, name: '\ud800 hooks' })), 'name'],
      ['in a tenant name', () => adminClient().post('/v1/tenants', { name: 'tenant \ud800' }), 'name'],
    ])('%s is a 422 naming the field', async (_label, send, field) => {
      expectProblem(await send(), 422, field, validation);
    });

    it('is no reason to refuse a well-formed pair: an emoji and right-to-left marks come back as sent', async () => {
      const data = { amount: 1, note: '😀 \u202eabc \u200f' };
      const accepted = await api.publish({ type, data });
      const stored = await eventually(async () => {
        const response = await api.ingest.get<EventView>(`/v1/events/${accepted.id}`);
        return response.status === 200 ? response.body : undefined;
      });
      expect(stored.data).toEqual(data);
    });
  });

  describe('header injection', () => {
    it.each<[string, Record<string, unknown>, string]>([
      ['a header value with a bare LF', { headers: { 'X-Ok': 'a\nX-Injected: 1' } }, 'headers.X-Ok'],
      ['a header value with a bare CR', { headers: { 'X-Ok': 'a\rb' } }, 'headers.X-Ok'],
      ['a header value with NUL', { headers: { 'X-Ok': 'a\u0000b' } }, 'headers.X-Ok'],
      ['a header name with a space', { headers: { 'X Bad': '1' } }, 'headers.X Bad'],
      ['a header name with a colon', { headers: { 'X-Bad:': '1' } }, 'headers.X-Bad:'],
      ['a header name with CR LF', { headers: { 'X-A\r\nX-B': '1' } }, 'headers.X-A\r\nX-B'],
      ['an authorization with CR LF inside', { authorization: 'Bearer abc\r\nX-Injected: 1' }, 'authorization'],
      ['an authorization with a bare LF', { authorization: 'Bearer a\nb' }, 'authorization'],
    ])('refuses a subscription with %s, naming the field', async (_label, overrides, field) => {
      expectProblem(await api.registry.post('/v1/subscriptions', { ...SubscriptionFactory.build({ url: endpoint }), ...overrides }), 422, field, validation);
    });

    it('refuses the same in an update, and leaves the subscription as it was', async () => {
      const patch = (body: unknown) => api.registry.patch(`/v1/subscriptions/${subscription.id}`, body);
      expectProblem(await patch({ authorization: 'Bearer abc\r\nX-Injected: 1' }), 422, 'authorization', validation);
      expectProblem(await patch({ headers: { 'X-Ok': 'a\r\nX-Injected: 1' } }), 422, 'headers.X-Ok', validation);
      expectProblem(await patch({ headers: { 'Bad Name': '1' } }), 422, 'headers.Bad Name', validation);
      expect(await api.subscription(subscription.id)).toMatchObject({ headers: {}, authorization: null });
    });

    describe('in an Idempotency-Key sent byte for byte', () => {
      const publishRaw = (key: string) => {
        const body = Buffer.from(JSON.stringify({ type, data: { amount: 1 } }), 'utf8');
        const base = stack().urls.ingest;
        const head = requestHead('POST', '/v1/events', new URL(base).host, [
          ['Authorization', `Bearer ${api.tenant.apiKey}`],
          ['Content-Type', 'application/json'],
          ['Content-Length', String(body.length)],
          ['Idempotency-Key', key],
        ]);
        return sendRaw(base, head, body);
      };

      // Node's HTTP parser refuses these before any route sees them; the answer is a problem all the same.
      it.each([
        ['NUL', 'a\u0000b'],
        ['a control character', 'a\u0001b'],
        ['DEL', 'a\u007fb'],
        ['a bare CR', 'a\rb'],
        ['a bare LF', 'a\nb'],
        ['CR LF and a folded line', 'a\r\n b'],
      ])('with %s is a 400 problem from the HTTP parser', async (_label, key) => {
        expectProblem(await publishRaw(key), 400, undefined, 'urn:hookline:problem:malformed-request');
      });

      // HTTP allows these in a header value, so they reach the route, which wants printable ASCII.
      it.each([
        ['a tab', 'a\tb'],
        ['a Latin-1 byte', 'caf\u00e9'],
      ])('with %s is a 422 naming header.idempotency-key', async (_label, key) => {
        expectProblem(await publishRaw(key), 422, 'header.idempotency-key', validation);
      });
    });
  });

  describe('an oversized request head', () => {
    const head = (service: 'registry' | 'ingest', path: string, headers: [string, string][]) => {
      const base = stack().urls[service];
      return sendRaw(base, requestHead('GET', path, new URL(base).host, [['Authorization', `Bearer ${api.tenant.apiKey}`], ...headers]));
    };

    it.each(['registry', 'ingest'] as const)('a 64 KiB header to the %s is a 431 problem, answered at once', async (service) => {
      const response = await head(service, '/v1/event-types', [['X-Padding', 'a'.repeat(64 * 1024)]]);
      expectProblem(response, 431, undefined, 'urn:hookline:problem:headers-too-large');
    });

    it.each(['registry', 'ingest'] as const)('a 64 KiB request line to the %s is a 431 problem', async (service) => {
      expectProblem(await head(service, `/v1/events/${'e'.repeat(64 * 1024)}`, []), 431, undefined, 'urn:hookline:problem:headers-too-large');
    });
  });

  describe('a path parameter the router cannot use', () => {
    it.each<[string, () => ApiClient, string]>([
      ['that is not percent-encoded UTF-8', () => api.ingest, '/v1/events/%FF'],
      ['with a broken percent escape', () => api.registry, '/v1/subscriptions/abc%2'],
      ['longer than any id (600 characters)', () => api.registry, `/v1/deliveries/${'d'.repeat(600)}`],
    ])('%s is a 404 problem, not the router’s own JSON', async (_label, client, path) => {
      expectProblem(await client().get(path), 404, undefined, 'urn:hookline:problem:not-found');
    });

    it('as long as the longest event type name (255 characters) reaches its route', async () => {
      const name = `${'a'.repeat(127)}.${'b'.repeat(127)}`;
      expectStatus(await api.registry.post('/v1/event-types', { name }), 201);
      expect(expectStatus(await api.registry.get<EventTypeView>(`/v1/event-types/${name}`), 200)).toMatchObject({ name });
    });
  });

  it('refuses an occurredAt outside the years 0000–9999 once in UTC, which no answer could write back', async () => {
    const response = await api.ingest.post('/v1/events', { type, data: { amount: 1 }, occurredAt: '9999-12-31T23:59:59-23:59' });
    expectProblem(response, 422, 'occurredAt', validation);
  });
});
