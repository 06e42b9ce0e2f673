import { maskSecretValue, type SecretBox } from '@hookline/encryption';
import type { SubscriptionEntity } from '@hookline/persistence';

/** A subscription as the API shows it: secrets never, `authorization` masked (SPEC §3). */
export function presentSubscription(subscription: SubscriptionEntity, secrets: SecretBox) {
  return {
    id: subscription.id,
    name: subscription.name,
    description: subscription.description,
    url: subscription.url,
    eventTypes: subscription.eventTypes,
    policy: subscription.policy,
    ordering: subscription.ordering,
    maxInFlight: subscription.maxInFlight,
    rateLimitPerSecond: subscription.rateLimitPerSecond,
    timeoutMs: subscription.timeoutMs,
    retrySchedule: subscription.retrySchedule,
    authorization: subscription.authorizationEnc === null ? null : maskSecretValue(secrets.open(subscription.authorizationEnc)),
    headers: subscription.headers,
    failureThreshold: subscription.failureThreshold,
    failureWindowSeconds: subscription.failureWindowSeconds,
    status: subscription.status,
    disabledReason: subscription.disabledReason,
    disabledAt: subscription.disabledAt?.toISOString() ?? null,
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

export type SubscriptionView = ReturnType<typeof presentSubscription>;
