import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { expectProblem, expectStatus, type Page, type SubscriptionView, type TenantApi } from '../support/api-client';
import { createEventTypes, createSubscription, createTenant } from '../support/factories';
import { headerRecord, Receiver, type ReceivedRequest } from '../support/receiver';

/** What `GET …/secret` and `POST …/rotate-secret` answer (SPEC §3). */
interface SigningSecretView {
  secret: string;
  previousSecretExpiresAt: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SIGNATURE = /^v1,[A-Za-z0-9+/]+={0,2}$/;
const newSecret = (bytes = 32) => `whsec_${randomBytes(bytes).toString('base64')}`;

/** The request's headers with `webhook-signature` cut down to one of its signatures. */
const withOnlySignature = (request: ReceivedRequest, signature: string) => ({ ...headerRecord(request), 'webhook-signature': signature });

/** Whether `secret` verifies the request as the official Standard Webhooks library checks it. */
function verifies(secret: string, request: ReceivedRequest, headers: Record<string, string> = headerRecord(request)): boolean {
  try {
    new Webhook(secret).verify(request.body, headers);
    return true;
  } catch {
    return false;
  }
}

/**
 * Rotating a subscription's signing secret (SPEC §3, §5): the new secret signs at once and the retired
 * one keeps signing for 24 h, each request carrying one signature per secret, so a receiver that still
 * verifies with the old secret accepts it. Only two secrets ever sign.
 */
describe('rotating the signing secret', () => {
  let receiver: Receiver;
  let api: TenantApi;
  let other: TenantApi;
  // One event type per test, all created before the first event is published (see createEventTypes).
  const typeKeys = ['rotated', 'twice', 'quiet'] as const;
  let types: Record<(typeof typeKeys)[number], string>;

  beforeAll(async () => {
    receiver = await Receiver.start();
    [api, other] = await Promise.all([createTenant(), createTenant()]);
    types = await createEventTypes(api, typeKeys);
  });

  afterAll(async () => {
    await receiver.close();
  });

  beforeEach(() => receiver.answer({ status: 200, body: 'ok' }));

  const readSecret = (subscriptionId: string, as: TenantApi = api) => as.registry.get<SigningSecretView>(`/v1/subscriptions/${subscriptionId}/secret`);
  const rotate = (subscriptionId: string, body?: unknown, as: TenantApi = api) =>
    as.registry.post<SigningSecretView>(`/v1/subscriptions/${subscriptionId}/rotate-secret`, body);

  /** Publishes one event to the subscription's path and returns the request the endpoint got for it. */
  async function deliverOne(path: string, type: string): Promise<ReceivedRequest> {
    const accepted = await api.publish({ type, data: { at: Date.now() } });
    const [request] = await receiver.waitFor(1, { path, filter: (received) => received.body.includes(accepted.id) });
    return request!;
  }

  it('signs with both the retired and the new secret once rotated, and keeps both out of the subscription views', async () => {
    const subscription = await createSubscription(api, { url: receiver.url('/rotated'), eventTypes: [types.rotated] });
    expect(expectStatus(await readSecret(subscription.id), 200)).toEqual({ secret: subscription.secret, previousSecretExpiresAt: null });

    const before = Date.now();
    const rotated = expectStatus(await rotate(subscription.id), 200);
    const after = Date.now();
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(rotated.secret).not.toBe(subscription.secret);
    const expiresAt = Date.parse(rotated.previousSecretExpiresAt!);
    expect(expiresAt).toBeGreaterThanOrEqual(before + DAY_MS - 1000);
    expect(expiresAt).toBeLessThanOrEqual(after + DAY_MS + 1000);
    expect(expectStatus(await readSecret(subscription.id), 200)).toEqual(rotated);

    const request = await deliverOne('/rotated', types.rotated);
    const signatures = String(request.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    for (const signature of signatures) expect(signature).toMatch(SIGNATURE);
    const body: unknown = JSON.parse(request.body);
    expect(new Webhook(rotated.secret).verify(request.body, headerRecord(request))).toEqual(body);
    expect(new Webhook(subscription.secret).verify(request.body, headerRecord(request))).toEqual(body);
    // One signature per secret, not one signature both happen to accept.
    const signers = signatures.map((signature) =>
      [subscription.secret, rotated.secret].filter((secret) => verifies(secret, request, withOnlySignature(request, signature))),
    );
    expect(signers).toHaveLength(2);
    expect(signers).toEqual(expect.arrayContaining([[subscription.secret], [rotated.secret]]));
    expect(verifies(newSecret(), request)).toBe(false);

    // The subscription's own views never show a secret, current or previous.
    const shown = await api.registry.get<SubscriptionView>(`/v1/subscriptions/${subscription.id}`);
    expect(expectStatus(shown, 200)).not.toHaveProperty('secret');
    const listed = await api.registry.get<Page<SubscriptionView>>('/v1/subscriptions', { query: { limit: 250 } });
    const item = expectStatus(listed, 200).data.find((view) => view.id === subscription.id);
    expect(item).toBeDefined();
    expect(item).not.toHaveProperty('secret');
    for (const text of [shown.text, listed.text]) {
      expect(text).not.toContain(subscription.secret);
      expect(text).not.toContain(rotated.secret);
    }
    // Nor when it was rotated: no previous-secret field either.
    for (const view of [shown.body, item]) expect(Object.keys(view!).filter((key) => /secret/i.test(key))).toEqual([]);
  });

  it('keeps only two secrets signing: rotating again retires the previous secret at once', async () => {
    const subscription = await createSubscription(api, { url: receiver.url('/twice'), eventTypes: [types.twice] });
    const second = expectStatus(await rotate(subscription.id), 200);
    // An empty JSON object is the same as no body: a generated secret.
    const third = expectStatus(await rotate(subscription.id, {}), 200);
    expect(new Set([subscription.secret, second.secret, third.secret]).size).toBe(3);
    expect(Date.parse(third.previousSecretExpiresAt!)).toBeGreaterThanOrEqual(Date.parse(second.previousSecretExpiresAt!));
    expect(expectStatus(await readSecret(subscription.id), 200)).toEqual(third);

    const request = await deliverOne('/twice', types.twice);
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifies(third.secret, request)).toBe(true);
    expect(verifies(second.secret, request)).toBe(true);
    expect(verifies(subscription.secret, request)).toBe(false);
  });

  it('rotates to a secret the caller gives', async () => {
    const subscription = await createSubscription(api, { url: receiver.url('/given'), eventTypes: [types.quiet] });
    const given = newSecret(24);
    const rotated = expectStatus(await rotate(subscription.id, { secret: given }), 200);
    expect(rotated).toEqual({ secret: given, previousSecretExpiresAt: expect.any(String) });
    expect(expectStatus(await readSecret(subscription.id), 200)).toEqual(rotated);
  });

  describe('refuses a bad body with 422 naming the field, and keeps the secret', () => {
    let subscription: { id: string; secret: string };

    beforeAll(async () => {
      subscription = await createSubscription(api, { url: receiver.url('/bad-secret'), eventTypes: [types.quiet] });
    });

    it.each<[string, unknown, string]>([
      ['a secret without the whsec_ prefix', { secret: randomBytes(32).toString('base64') }, 'secret'],
      ['a secret that is not base64', { secret: 'whsec_not base64 at all!' }, 'secret'],
      ['a secret of too few bytes', { secret: newSecret(8) }, 'secret'],
      ['a secret of too many bytes', { secret: newSecret(65) }, 'secret'],
      ['a secret that is not a string', { secret: 42 }, 'secret'],
      ['a null secret', { secret: null }, 'secret'],
      ['an unknown field', { secret: newSecret(), expiresInHours: 1 }, 'expiresInHours'],
    ])('%s', async (_case, body, field) => {
      const problem = expectProblem(await rotate(subscription.id, body), 422);
      expect(problem.errors?.[0]?.field).toBe(field);
      expect(problem.errors).toEqual([{ field, message: expect.any(String) }]);
      expect(expectStatus(await readSecret(subscription.id), 200)).toEqual({ secret: subscription.secret, previousSecretExpiresAt: null });
    });

    it('the current secret given again', async () => {
      const problem = expectProblem(await rotate(subscription.id, { secret: subscription.secret }), 422);
      expect(problem.errors).toEqual([{ field: 'secret', message: expect.stringMatching(/differ/) }]);
      expect(expectStatus(await readSecret(subscription.id), 200)).toEqual({ secret: subscription.secret, previousSecretExpiresAt: null });
    });
  });

  it("answers 404 on both routes for another tenant's subscription and for a deleted one", async () => {
    const subscription = await createSubscription(api, { url: receiver.url('/foreign'), eventTypes: [types.quiet] });
    expectProblem(await readSecret(subscription.id, other), 404);
    expectProblem(await rotate(subscription.id, undefined, other), 404);
    expectProblem(await rotate(subscription.id, { secret: newSecret() }, other), 404);
    expect(expectStatus(await readSecret(subscription.id), 200)).toEqual({ secret: subscription.secret, previousSecretExpiresAt: null });

    expectStatus(await api.registry.delete(`/v1/subscriptions/${subscription.id}`), 204);
    expectProblem(await readSecret(subscription.id), 404);
    expectProblem(await rotate(subscription.id), 404);
  });
});
