/** Why a secret was refused; never carries the secret itself, so it is safe to log. */
export type InvalidSecretReason = 'missing_prefix' | 'invalid_base64' | 'invalid_length' | 'not_a_string';

export class InvalidSecretError extends Error {
  constructor(readonly reason: InvalidSecretReason, message: string) {
    super(message);
    this.name = 'InvalidSecretError';
  }
}

export const WebhookVerificationErrorCode = {
  MissingHeader: 'missing_header',
  InvalidTimestamp: 'invalid_timestamp',
  TimestampTooOld: 'timestamp_too_old',
  TimestampTooNew: 'timestamp_too_new',
  NoMatchingSignature: 'no_matching_signature',
  InvalidSecret: 'invalid_secret',
} as const;

export type WebhookVerificationErrorCode =
  (typeof WebhookVerificationErrorCode)[keyof typeof WebhookVerificationErrorCode];

export class WebhookVerificationError extends Error {
  constructor(readonly code: WebhookVerificationErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WebhookVerificationError';
  }
}
