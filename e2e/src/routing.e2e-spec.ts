import { Webhook } from 'standardwebhooks';
import { expectStatus, type AcceptedEvent, type CreatedSubscription, type SubscriptionView, type TenantApi } from '../support/api-client';
import { createEventType, createSubscription, createTenant, unique } from '../support/factories';
import { headerRecord, Receiver, type ReceivedRequest } from '../support/receiver';
import { eventually } from '../support/stack';

const eventIdOf = (request: ReceivedRequest): string => (JSON.parse(request.body) as { id: string }).id;

/** Which subscriptions an event reaches: type filters, several subscriptions on one URL, paused and deleted ones. */
describe('routing events to subscriptions', () => {
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await Receiver.start();
  });

  afterAll(() => receiver.close());

  describe('by event type', () => {
    let api: TenantApi;
    const prefix = unique('shop');
    const type = { created: `${prefix}.order.created`, added: `${prefix}.order.items.added`, lookalike: `${prefix}.orderly.created`, other: `${prefix}.invoice.paid` };
    let subscriptions: Record<'exact' | 'prefix' | 'all' | 'sharedExact' | 'sharedPrefix' | 'none', CreatedSubscription>;
    let events: Record<'created' | 'added' | 'lookalike', AcceptedEvent>;

    beforeAll(async () => {
      api = await createTenant();
      for (const name of Object.values(type)) await createEventType(api, { name });
      subscriptions = {
        exact: await createSubscription(api, { url: receiver.url('/exact'), eventTypes: [type.created] }),
        prefix: await createSubscription(api, { url: receiver.url('/prefix'), eventTypes: [`${prefix}.order.*`] }),
        all: await createSubscription(api, { url: receiver.url('/all'), eventTypes: ['*'] }),
        sharedExact: await createSubscription(api, { url: receiver.url('/shared'), eventTypes: [type.created] }),
        sharedPrefix: await createSubscription(api, { url: receiver.url('/shared'), eventTypes: [`${prefix}.order.*`] }),
        none: await createSubscription(api, { url: receiver.url('/none'), eventTypes: [type.other] }),
      };

      events = {
        created: await api.publish({ type: type.created, data: { n: 1 } }),
        added: await api.publish({ type: type.added, data: { n: 2 } }),
        lookalike: await api.publish({ type: type.lookalike, data: { n: 3 } }),
      };
      // Every delivery of the three events is recorded: from here on nothing more will arrive.
      await api.waitForDeliveries(subscriptions.all.id, 3, 'succeeded', 10000);
      await api.waitForDeliveries(subscriptions.prefix.id, 2, 'succeeded');
      await api.waitForDeliveries(subscriptions.exact.id, 1, 'succeeded');
      await api.waitForDeliveries(subscriptions.sharedExact.id, 1, 'succeeded');
      await api.waitForDeliveries(subscriptions.sharedPrefix.id, 2, 'succeeded');
    });

    const received = (path: string) => receiver.requestsTo(path).map(eventIdOf).sort();

    it('sends an exact name only that type', () => {
      expect(received('/exact')).toEqual([events.created.id]);
    });

    it('sends "prefix.*" every type below the prefix, at any depth, and not a name that merely starts alike', () => {
      expect(received('/prefix')).toEqual([events.created.id, events.added.id].sort());
    });

    it('sends "*" every event of the tenant', () => {
      expect(received('/all')).toEqual([events.created.id, events.added.id, events.lookalike.id].sort());
    });

    it('sends each subscription its own request when several share one URL, each signed with its own secret', () => {
      const requests = receiver.requestsTo('/shared');
      expect(requests.map(eventIdOf).sort()).toEqual([events.created.id, events.created.id, events.added.id].sort());
      expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(3);
      const createdRequests = requests.filter((request) => eventIdOf(request) === events.created.id);
      const verifiedBy = createdRequests.map((request) =>
        [subscriptions.sharedExact, subscriptions.sharedPrefix].filter((subscription) => {
          try {
            new Webhook(subscription.secret).verify(request.body, headerRecord(request));
            return true;
          } catch {
            return false;
          }
        }),
      );
      expect(verifiedBy.map((matches) => matches.map((subscription) => subscription.id)).sort()).toEqual(
        [[subscriptions.sharedExact.id], [subscriptions.sharedPrefix.id]].sort(),
      );
    });

    it('sends a subscription nothing when no event matches its types, and logs no delivery for it', async () => {
      expect(receiver.requestsTo('/none')).toEqual([]);
      expect(await api.deliveries({ subscriptionId: subscriptions.none.id })).toEqual([]);
      const event = await api.event(events.lookalike.id);
      expect(event.deliveries.map((delivery) => delivery.subscriptionId)).toEqual([subscriptions.all.id]);
    });
  });

  describe('paused and deleted subscriptions', () => {
    let api: TenantApi;
    let type: string;
    let witness: CreatedSubscription;

    beforeAll(async () => {
      api = await createTenant();
      type = (await createEventType(api)).name;
      // Gets every event of the tenant: once it has one, fan-out of that event is over.
      witness = await createSubscription(api, { url: receiver.url('/witness'), eventTypes: ['*'] });
    });

    it('stores the deliveries of a disabled subscription as held and sends nothing', async () => {
      const paused = await createSubscription(api, { url: receiver.url('/paused'), eventTypes: [type] });
      const disabled = expectStatus(await api.registry.post<SubscriptionView>(`/v1/subscriptions/${paused.id}/disable`), 200);
      expect(disabled).toMatchObject({ id: paused.id, status: 'disabled', disabledAt: expect.any(String) });
      expect((await api.subscription(paused.id)).status).toBe('disabled');

      const event = await api.publish({ type, data: { n: 1 } });
      await receiver.waitFor(1, { path: '/witness', filter: (request) => eventIdOf(request) === event.id });
      const [held] = await api.waitForDeliveries(paused.id, 1, 'held');
      expect(held).toMatchObject({ eventId: event.id, attemptCount: 0 });
      expect((await api.delivery(held!.id)).attempts).toEqual([]);
      await api.waitForDeliveries(witness.id, 1, 'succeeded');
      expect(receiver.requestsTo('/paused')).toEqual([]);

      // Enabled again, it gets new events (sending the held ones on enable is not covered here).
      const enabled = expectStatus(await api.registry.post<SubscriptionView>(`/v1/subscriptions/${paused.id}/enable`), 200);
      expect(enabled).toMatchObject({ status: 'enabled', disabledAt: null, disabledReason: null });
      const next = await api.publish({ type, data: { n: 2 } });
      const [request] = await receiver.waitFor(1, { path: '/paused', filter: (candidate) => eventIdOf(candidate) === next.id });
      expect(new Webhook(paused.secret).verify(request!.body, headerRecord(request!))).toMatchObject({ id: next.id });
      expect(held!.status).toBe('held');
    });

    it('cancels the pending deliveries of a deleted subscription and sends it nothing more', async () => {
      const doomed = await createSubscription(api, { url: receiver.url('/deleted'), eventTypes: [type] });
      expectStatus(await api.registry.post(`/v1/subscriptions/${doomed.id}/disable`), 200);
      const before = await api.publish({ type, data: { n: 3 } });
      const [held] = await api.waitForDeliveries(doomed.id, 1, 'held');

      expectStatus(await api.registry.delete(`/v1/subscriptions/${doomed.id}`), 204);
      expect((await api.registry.get(`/v1/subscriptions/${doomed.id}`)).status).toBe(404);
      const cancelled = await api.delivery(held!.id);
      expect(cancelled).toMatchObject({ eventId: before.id, status: 'cancelled' });

      const after = await api.publish({ type, data: { n: 4 } });
      await receiver.waitFor(1, { path: '/witness', filter: (request) => eventIdOf(request) === after.id });
      const event = await eventually(async () => {
        const found = await api.event(after.id);
        return found.deliveries.length > 0 ? found : undefined;
      });
      const reached = event.deliveries.map((delivery) => delivery.subscriptionId);
      expect(reached).toContain(witness.id);
      expect(reached).not.toContain(doomed.id);
      expect((await api.deliveries({ subscriptionId: doomed.id })).map((delivery) => delivery.id)).toEqual([held!.id]);
      expect(receiver.requestsTo('/deleted')).toEqual([]);
    });

    it('leaves deleted subscriptions out of the list', async () => {
      const kept = await createSubscription(api, { url: receiver.url('/kept'), eventTypes: [type] });
      const gone = await createSubscription(api, { url: receiver.url('/gone'), eventTypes: [type] });
      expectStatus(await api.registry.delete(`/v1/subscriptions/${gone.id}`), 204);
      const page = expectStatus(await api.registry.get<{ data: SubscriptionView[] }>('/v1/subscriptions', { query: { limit: 250 } }), 200);
      const ids = page.data.map((subscription) => subscription.id);
      expect(ids).toContain(kept.id);
      expect(ids).not.toContain(gone.id);
      expect((await api.registry.delete(`/v1/subscriptions/${gone.id}`)).status).toBe(404);
    });
  });
});
