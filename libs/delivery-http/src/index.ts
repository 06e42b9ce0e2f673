export { AddressRange, classifyAddress, isBlockedAddress } from './address-range.util';
export {
  DestinationProblemCode,
  checkDestinationUrl,
  type DestinationPolicy,
  type DestinationProblem,
} from './destination-url.util';
export { DeliveryHttpClient } from './delivery-http-client';
export { BlockedDestinationError, DeliveryErrorClass, DeliveryTimeoutError } from './delivery-http.errors';
export { responseErrorText, type DeliveryHttpClientOptions, type DeliveryRequest, type DeliveryResponse } from './delivery-http.types';
export { classifyError, type ClassifiedError } from './error-classification.util';
export { parseRetryAfter } from './retry-after.util';
export { toDeliveryTarget, type ResolvedTarget } from './delivery-target';
export {
  batchBody,
  buildWebhookRequest,
  newTraceparent,
  webhookBody,
  webhookId,
  type DeliveryTarget,
  type DeliveryUnit,
  type WebhookRequest,
} from './webhook-request';
