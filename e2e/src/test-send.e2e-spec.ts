import { Webhook } from 'standardwebhooks';
import { expectProblem, expectStatus, type DeliveryView, type Page, type TenantApi } from '../support/api-client';
import { createEventType, createEventTypes, createSubscription, createTenant } from '../support/factories';
import { headerRecord, Receiver } from '../support/receiver';
import { eventually, withDatabase } from '../support/stack';

/** What `POST /v1/subscriptions/{id}/test` answers (SPEC §3), always with status 200. */
interface TestSendResult {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseBody: string | null;
}

const failureCount = (subscriptionId: string) =>
  withDatabase(async (client) => {
    const result = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM subscription_failures WHERE subscription_id = $1`, [subscriptionId]);
    return result.rows[0]!.count;
  });

/**
 * Test sends (SPEC §3): one signed request to the endpoint now, built exactly like a delivery, answered
 * with what the endpoint did. Nothing is stored or published, so a failing test never counts toward
 * auto-disable, and it works on a paused subscription.
 */
describe('test send', () => {
  let receiver: Receiver;
  let api: TenantApi;
  let other: TenantApi;
  let types: Record<'counted', string>;

  beforeAll(async () => {
    receiver = await Receiver.start();
    [api, other] = await Promise.all([createTenant(), createTenant()]);
    types = await createEventTypes(api, ['counted']);
  });

  afterAll(() => receiver.close());

  beforeEach(() => receiver.answer({ status: 200, body: 'ok' }));

  const testSend = async (subscriptionId: string, body: unknown = {}, client: TenantApi = api) =>
    client.registry.post<TestSendResult>(`/v1/subscriptions/${subscriptionId}/test`, body);

  it('sends a signed hookline.test event with the subscription headers and reports the answer', async () => {
    const subscription = await createSubscription(api, {
      url: receiver.url('/ok'),
      authorization: 'token-abc',
      headers: { 'x-shop': 'north' },
    });
    receiver.answer({ status: 202, body: 'thanks' });

    const result = expectStatus(await testSend(subscription.id), 200);

    expect(result).toEqual({ ok: true, statusCode: 202, durationMs: expect.any(Number), error: null, responseBody: 'thanks' });
    const [request] = await receiver.waitFor(1, { path: '/ok' });
    const payload = new Webhook(subscription.secret).verify(request!.body, headerRecord(request!)) as Record<string, unknown>;
    expect(payload).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'hookline.test',
      timestamp: expect.any(String),
      data: { message: expect.any(String), subscriptionId: subscription.id },
    });
    expect(request!.headers).toMatchObject({
      'webhook-id': expect.stringMatching(/^dlv_/),
      authorization: 'Bearer token-abc',
      'x-shop': 'north',
      'user-agent': expect.stringMatching(/^Hookline\//),
      traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/),
    });
    const deliveries = expectStatus(await api.registry.get<Page<DeliveryView>>('/v1/deliveries', { query: { subscriptionId: subscription.id } }), 200);
    expect(deliveries.data).toEqual([]);
  });

  it('sends the given type and data when they pass the type schema, and refuses them otherwise', async () => {
    const typed = await createEventType(api, {
      schema: { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string' } } },
    });
    const subscription = await createSubscription(api, { url: receiver.url('/typed') });

    expect(expectStatus(await testSend(subscription.id, { type: typed.name, data: { orderId: 'o-1' } }), 200)).toMatchObject({ ok: true });
    const [request] = await receiver.waitFor(1, { path: '/typed' });
    expect(JSON.parse(request!.body)).toMatchObject({ type: typed.name, data: { orderId: 'o-1' } });

    expectProblem(await testSend(subscription.id, { type: typed.name, data: { orderId: 7 } }), 422, 'data.orderId');
    expectProblem(await testSend(subscription.id, { type: 'not.in.catalog' }), 422, 'type', 'urn:hookline:problem:unknown-event-type');
    expectProblem(await testSend(subscription.id, { type: 'bad name!' }), 422, 'type');
    expectProblem(await testSend(subscription.id, { surprise: true }), 422);
    expect(receiver.requestsTo('/typed')).toHaveLength(1);
  });

  it('answers 200 with the failure when the endpoint fails, times out or refuses the connection', async () => {
    const failing = await createSubscription(api, { url: receiver.url('/fail') });
    receiver.answer({ status: 500, body: 'boom' });
    expect(expectStatus(await testSend(failing.id), 200)).toEqual({
      ok: false,
      statusCode: 500,
      durationMs: expect.any(Number),
      error: expect.stringMatching(/^http_status: /),
      responseBody: 'boom',
    });

    const slow = await createSubscription(api, { url: receiver.url('/hang'), timeoutMs: 1000 });
    receiver.answer({ status: 200, hang: true });
    const timedOut = expectStatus(await testSend(slow.id), 200);
    expect(timedOut).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/^timeout: /) });
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(900);

    const closed = await createSubscription(api, { url: 'http://127.0.0.1:9/hooks' });
    expect(expectStatus(await testSend(closed.id), 200)).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/^connection_refused: /) });
  });

  it('works on a disabled subscription and never counts toward auto-disable', async () => {
    const subscription = await createSubscription(api, { url: receiver.url('/flaky'), eventTypes: [types.counted], failureThreshold: 2 });
    receiver.answer({ status: 500 });
    for (let i = 0; i < 3; i += 1) expect(expectStatus(await testSend(subscription.id), 200)).toMatchObject({ ok: false, statusCode: 500 });

    // One real failure: had the three tests counted, the threshold of 2 would trip now.
    await api.publish({ type: types.counted, data: { n: 1 } });
    await eventually(async () => ((await failureCount(subscription.id)) === 1 ? true : undefined));
    expect(await api.subscription(subscription.id)).toMatchObject({ status: 'enabled' });

    expectStatus(await api.registry.post(`/v1/subscriptions/${subscription.id}/disable`), 200);
    receiver.answer({ status: 200 });
    expect(expectStatus(await testSend(subscription.id), 200)).toMatchObject({ ok: true, statusCode: 200 });
    expect(await api.subscription(subscription.id)).toMatchObject({ status: 'disabled' });
    expect(await failureCount(subscription.id)).toBe(1);
  });

  it("is 404 for another tenant's subscription and for a deleted one", async () => {
    const subscription = await createSubscription(api, { url: receiver.url('/mine') });
    expectProblem(await testSend(subscription.id, {}, other), 404);
    expectStatus(await api.registry.delete(`/v1/subscriptions/${subscription.id}`), 204);
    expectProblem(await testSend(subscription.id), 404);
    expect(receiver.requestsTo('/mine')).toHaveLength(0);
  });
});
