/** Why a request was refused; every one of them means "do not trust this request" (answer 401). */
export const WebhookVerificationReason = {
  missingHeader: 'missing_header',
  duplicateHeader: 'duplicate_header',
  invalidTimestamp: 'invalid_timestamp',
  timestampTooOld: 'timestamp_too_old',
  timestampTooNew: 'timestamp_too_new',
  noMatchingSignature: 'no_matching_signature',
  invalidPayload: 'invalid_payload',
} as const;
export type WebhookVerificationReason = (typeof WebhookVerificationReason)[keyof typeof WebhookVerificationReason];

/**
 * The request is not a genuine, fresh Hookline webhook. A misconfigured secret is not this error: it
 * throws a `TypeError`, so a receiver can tell its own mistake (500) from a bad request (401).
 */
export class WebhookVerificationError extends Error {
  constructor(
    readonly reason: WebhookVerificationReason,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}
