export {
  InvalidSecretError,
  WebhookVerificationError,
  WebhookVerificationErrorCode,
  type InvalidSecretReason,
} from './signing.errors';
export {
  MAX_SECRET_BYTES,
  MIN_SECRET_BYTES,
  SECRET_PREFIX,
  generateSecret,
  isValidSecret,
  parseSecret,
} from './webhook-secret.util';
export { SIGNATURE_VERSION, WebhookHeaderNames, signPayload, signatureHeader } from './webhook-signature.util';
export {
  DEFAULT_TOLERANCE_SECONDS,
  verifyWebhook,
  type VerifyWebhookOptions,
  type WebhookHeaders,
} from './webhook-verification.util';
