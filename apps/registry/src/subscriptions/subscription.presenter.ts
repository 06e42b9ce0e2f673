import { maskSecretValue, type SecretBox } from '@hookline/encryption';
import { subscriptionSettings, type SubscriptionEntity } from '@hookline/persistence';

/** A subscription as the API shows it: secrets never, `authorization` masked (SPEC §3). */
export function presentSubscription(subscription: SubscriptionEntity, secrets: SecretBox) {
  return {
    id: subscription.id,
    description: subscription.description,
    ...subscriptionSettings(subscription),
    authorization: subscription.authorizationEnc === null ? null : maskSecretValue(secrets.open(subscription.authorizationEnc)),
    createdAt: subscription.createdAt.toISOString(),
  };
}

export type SubscriptionView = ReturnType<typeof presentSubscription>;
