import { maskSecretValue, type SecretBox } from '@hookline/encryption';
import { subscriptionSettings, type SubscriptionEntity } from '@hookline/persistence';
import { previousSecretExpiry } from './secret-rotation';
import type { SigningSecretView, SubscriptionView } from './subscription.view';

/** A subscription as the API shows it: secrets never, `authorization` masked (SPEC §3). */
export function presentSubscription(subscription: SubscriptionEntity, secrets: SecretBox): SubscriptionView {
  return {
    id: subscription.id,
    description: subscription.description,
    ...subscriptionSettings(subscription),
    authorization: subscription.authorizationEnc === null ? null : maskSecretValue(secrets.open(subscription.authorizationEnc)),
    createdAt: subscription.createdAt.toISOString(),
  };
}

/** `GET …/secret` and `rotate-secret` (SPEC §3): the current secret, and until when the previous one still signs. */
export function presentSigningSecret(subscription: SubscriptionEntity, secrets: SecretBox, now: Date): SigningSecretView {
  return {
    secret: secrets.open(subscription.secretEnc),
    previousSecretExpiresAt: previousSecretExpiry(subscription, now)?.toISOString() ?? null,
  };
}
