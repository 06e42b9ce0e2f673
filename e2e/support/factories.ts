import { randomUUID } from 'node:crypto';
import {
  adminClient,
  expectStatus,
  TenantApi,
  type CreatedSubscription,
  type CreatedTenant,
  type EventTypeView,
} from './api-client';
import type { EventTypeInput, SubscriptionInput, TenantInput } from '@hookline/sdk';

/** A short unique suffix, so specs sharing one stack never collide on names. */
export const unique = (prefix: string): string => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

export type { EventTypeInput, SubscriptionInput, TenantInput };

export const TenantFactory = {
  build: (overrides: Partial<TenantInput> = {}): TenantInput => ({ name: unique('tenant'), locale: 'en', ...overrides }),
};

export const EventTypeFactory = {
  build: (overrides: Partial<EventTypeInput> = {}): EventTypeInput => ({
    name: `${unique('e2e')}.happened`,
    description: 'created by an end-to-end spec',
    ...overrides,
  }),
};

export const SubscriptionFactory = {
  /** Defaults: every event type, a short timeout and a long first retry, so nothing re-sends during a spec. */
  build: (overrides: Partial<SubscriptionInput> & { url: string }): SubscriptionInput => ({
    name: unique('subscription'),
    eventTypes: ['*'],
    timeoutMs: 2000,
    retrySchedule: [3600],
    ...overrides,
  }),
};

/** A new tenant (admin API) and a client holding its first API key. */
export async function createTenant(overrides: Partial<TenantInput> = {}): Promise<TenantApi> {
  const tenant = expectStatus(await adminClient().post<CreatedTenant>('/v1/tenants', TenantFactory.build(overrides)), 201);
  return new TenantApi(tenant);
}

export async function createEventType(api: TenantApi, overrides: Partial<EventTypeInput> = {}): Promise<EventTypeView> {
  return expectStatus(await api.registry.post<EventTypeView>('/v1/event-types', EventTypeFactory.build(overrides)), 201);
}

export async function createSubscription(
  api: TenantApi,
  overrides: Partial<SubscriptionInput> & { url: string },
): Promise<CreatedSubscription> {
  return expectStatus(await api.registry.post<CreatedSubscription>('/v1/subscriptions', SubscriptionFactory.build(overrides)), 201);
}

/**
 * One fresh event type per key, all created up front: ingest caches the tenant's catalog, and a type
 * created right after an event was accepted is refused for a moment.
 */
export async function createEventTypes<K extends string>(api: TenantApi, keys: readonly K[]): Promise<Record<K, string>> {
  const names = {} as Record<K, string>;
  for (const key of keys) names[key] = (await createEventType(api, { name: `${key}_${randomUUID().slice(0, 8)}.happened` })).name;
  return names;
}
