import type { SubscriptionStateMessage } from '@hookline/contracts';
import type { SubscriptionEntity } from './subscription.entity';

/** The record published on the compacted subscriptions topic. */
export function toSubscriptionState(subscription: SubscriptionEntity): SubscriptionStateMessage {
  return {
    id: subscription.id,
    tenantId: subscription.tenantId,
    revision: subscription.revision,
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
    authorizationEnc: subscription.authorizationEnc,
    secretEnc: subscription.secretEnc,
    previousSecretEnc: subscription.previousSecretEnc,
    previousSecretExpiresAt: subscription.previousSecretExpiresAt?.toISOString() ?? null,
    failureThreshold: subscription.failureThreshold,
    failureWindowSeconds: subscription.failureWindowSeconds,
    status: subscription.status,
    disabledReason: subscription.disabledReason,
    disabledAt: subscription.disabledAt?.toISOString() ?? null,
    updatedAt: subscription.updatedAt.toISOString(),
  };
}
