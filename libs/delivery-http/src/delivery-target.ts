import type { SubscriptionStateMessage } from '@hookline/contracts';
import type { SecretBox } from '@hookline/encryption';
import { parseSecret } from '@hookline/signing';
import type { DeliveryTarget } from './webhook-request';

export interface ResolvedTarget {
  target: DeliveryTarget;
  /** Past this time the previous secret stops signing and the target must be rebuilt. */
  validUntil: number;
}

/** Decrypts what sending needs: signing keys (the previous one only while it is valid) and authorization. */
export function toDeliveryTarget(state: SubscriptionStateMessage, secrets: SecretBox, now: number): ResolvedTarget {
  const keys = [parseSecret(secrets.open(state.secretEnc))];
  let validUntil = Number.POSITIVE_INFINITY;
  if (state.previousSecretEnc !== null && state.previousSecretExpiresAt !== null) {
    const expires = Date.parse(state.previousSecretExpiresAt);
    if (expires > now) {
      keys.push(parseSecret(secrets.open(state.previousSecretEnc)));
      validUntil = expires;
    }
  }
  return {
    target: {
      id: state.id,
      url: state.url,
      timeoutMs: state.timeoutMs,
      headers: state.headers,
      authorization: state.authorizationEnc === null ? null : secrets.open(state.authorizationEnc),
      signingKeys: keys,
    },
    validUntil,
  };
}
