import { adminClient, expectStatus, type TenantApi } from '../support/api-client';
import { createEventType, createSubscription, createTenant } from '../support/factories';
import { DocumentedResponses, fetchDocument } from '../support/documented-responses';
import { Receiver } from '../support/receiver';
import { stack } from '../support/stack';

/**
 * The API documents (SPEC §3): `GET /openapi.json` and the docs UI at `/docs` on the registry and
 * ingest, without a token; and what the running services answer matches the schemas they publish.
 */
describe('OpenAPI documents', () => {
  let registry: DocumentedResponses;
  let ingest: DocumentedResponses;
  let receiver: Receiver;
  let api: TenantApi;

  beforeAll(async () => {
    receiver = await Receiver.start();
    registry = new DocumentedResponses((await fetchDocument(stack().urls.registry)).document);
    ingest = new DocumentedResponses((await fetchDocument(stack().urls.ingest)).document);
    api = await createTenant();
  });

  afterAll(() => receiver.close());

  it.each([
    ['registry', '/v1/subscriptions/{id}/test', 'Hookline management API'],
    ['ingest', '/v1/events/batch', 'Hookline ingest API'],
  ] as const)('the %s serves its document without a token', async (service, path, title) => {
    const { status, contentType, document } = await fetchDocument(stack().urls[service]);
    expect({ status, contentType }).toEqual({ status: 200, contentType: expect.stringContaining('application/json') });
    expect(document).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title, version: expect.any(String) } });
    expect(Object.keys(document.paths)).toContain(path);
  });

  it.each(['registry', 'ingest'] as const)('the %s serves the docs UI from its own assets', async (service) => {
    const page = await fetch(`${stack().urls[service]}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    for (const asset of ['/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css', '/docs/init.js']) {
      expect(html).toContain(asset);
      const response = await fetch(`${stack().urls[service]}${asset}`);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    const init = await (await fetch(`${stack().urls[service]}/docs/init.js`)).text();
    expect(init).toContain('/openapi.json');
  });

  it('answers as the registry document says', async () => {
    const check = async (method: string, path: string, template: string, body?: unknown) => {
      const response = await api.registry.request(method, path, body === undefined ? {} : { json: body });
      expect(registry.errors(method.toLowerCase(), template, response.status, response.body)).toBeNull();
      return response.body as Record<string, unknown>;
    };
    const tenants = await adminClient().get('/v1/tenants', { query: { limit: '2' } });
    expect(registry.errors('get', '/v1/tenants', tenants.status, tenants.body)).toBeNull();
    await check('GET', '/v1/tenant', '/v1/tenant');

    const type = await createEventType(api, { schema: { type: 'object', properties: { orderId: { type: 'string' } } } });
    await check('GET', `/v1/event-types/${type.name}`, '/v1/event-types/{name}');
    await check('GET', '/v1/event-types', '/v1/event-types');
    await check('POST', '/v1/api-keys', '/v1/api-keys', { name: 'documented' });
    await check('GET', '/v1/api-keys', '/v1/api-keys');
    const subscription = await createSubscription(api, { url: receiver.url('/documented'), authorization: 'Bearer abcdefgh' });
    await check('GET', `/v1/subscriptions/${subscription.id}`, '/v1/subscriptions/{id}');
    await check('GET', '/v1/subscriptions', '/v1/subscriptions');
    await check('PATCH', `/v1/subscriptions/${subscription.id}`, '/v1/subscriptions/{id}', { description: 'documented' });
    await check('GET', `/v1/subscriptions/${subscription.id}/secret`, '/v1/subscriptions/{id}/secret');
    await check('GET', `/v1/subscriptions/${subscription.id}/health`, '/v1/subscriptions/{id}/health');
    await check('POST', `/v1/subscriptions/${subscription.id}/test`, '/v1/subscriptions/{id}/test', {});
    await check('GET', '/v1/subscriptions/sub_01KAW2Z3B4C5D6E7F8G9H0JKMN', '/v1/subscriptions/{id}');

    const accepted = await api.ingest.post('/v1/events', { type: type.name, data: { orderId: 'o-1' } });
    expect(ingest.errors('post', '/v1/events', accepted.status, accepted.body)).toBeNull();
    const eventId = (accepted.body as { id: string }).id;
    const [delivery] = await api.waitForDeliveries(subscription.id, 1, 'succeeded');
    await check('GET', `/v1/deliveries/${delivery!.id}`, '/v1/deliveries/{id}');
    await check('GET', '/v1/deliveries', '/v1/deliveries');
    await check('POST', `/v1/deliveries/${delivery!.id}/retry`, '/v1/deliveries/{id}/retry');
    await check('GET', `/v1/subscriptions/${subscription.id}/health`, '/v1/subscriptions/{id}/health');
    await check('POST', `/v1/subscriptions/${subscription.id}/replay`, '/v1/subscriptions/{id}/replay', { since: new Date(0).toISOString() });

    for (const [path, template] of [
      [`/v1/events/${eventId}`, '/v1/events/{id}'],
      ['/v1/events', '/v1/events'],
    ] as const) {
      const response = await api.ingest.get(path);
      expect(ingest.errors('get', template, response.status, response.body)).toBeNull();
    }
    const batch = await api.ingest.post('/v1/events/batch', { events: [{ type: type.name, data: {} }, { type: 'no.such.type', data: {} }] });
    expect(ingest.errors('post', '/v1/events/batch', batch.status, batch.body)).toBeNull();
    expectStatus(await api.registry.delete(`/v1/subscriptions/${subscription.id}`), 204);
  });
});
