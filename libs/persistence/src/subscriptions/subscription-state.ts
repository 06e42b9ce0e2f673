import type { SubscriptionStateMessage } from '@hookline/contracts';
import type { SubscriptionEntity } from './subscription.entity';

/**
 * What a subscription is configured to do and its status, with no secrets: the part shared by the
 * compacted-topic record and the API's view, so a new setting is added to both in one place.
 */
export function subscriptionSettings(subscription: SubscriptionEntity) {
  return {
    name: subscription.name,
    url: subscription.url,
    eventTypes: subscription.eventTypes,
    policy: subscription.policy,
    ordering: subscription.ordering,
    maxInFlight: subscription.maxInFlight,
    rateLimitPerSecond: subscription.rateLimitPerSecond,
    timeoutMs: subscription.timeoutMs,
    retrySchedule: subscription.retrySchedule,
    headers: subscription.headers,
    failureThreshold: subscription.failureThreshold,
    failureWindowSeconds: subscription.failureWindowSeconds,
    status: subscription.status,
    disabledReason: subscription.disabledReason,
    disabledAt: subscription.disabledAt?.toISOString() ?? null,
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

/** The record published on the compacted subscriptions topic. */
export function toSubscriptionState(subscription: SubscriptionEntity): SubscriptionStateMessage {
  return {
    id: subscription.id,
    tenantId: subscription.tenantId,
    revision: subscription.revision,
    ...subscriptionSettings(subscription),
    authorizationEnc: subscription.authorizationEnc,
    secretEnc: subscription.secretEnc,
    previousSecretEnc: subscription.previousSecretEnc,
    previousSecretExpiresAt: subscription.previousSecretExpiresAt?.toISOString() ?? null,
  };
}
