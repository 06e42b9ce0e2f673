export { HooklineClient, DEFAULT_INGEST_URL, DEFAULT_REGISTRY_URL, DEFAULT_TIMEOUT_MS, type HooklineClientOptions } from './client/hookline-client';
export type { FetchFunction, RequestOptions } from './client/api-transport';
export { HooklineApiError, HooklineError, HooklineNetworkError, HooklineTimeoutError } from './client/client.errors';
export { paginate } from './client/pagination';
export type { ApiKeysResource } from './client/resources/api-keys.resource';
export type { DeliveriesResource } from './client/resources/deliveries.resource';
export type { EventTypesResource } from './client/resources/event-types.resource';
export type { EventsResource } from './client/resources/events.resource';
export type { SubscriptionsResource } from './client/resources/subscriptions.resource';
export type { TenantsResource } from './client/resources/tenants.resource';
export type {
  ApiKey,
  ApiKeyInput,
  Attempt,
  BatchPublishResponse,
  BatchPublishResult,
  CreatedApiKey,
  CreatedSubscription,
  CreatedTenant,
  Delivery,
  DeliveryListParams,
  DeliveryPolicy,
  DeliveryPolicyInput,
  DeliveryStatus,
  DeliveryWithAttempts,
  Event,
  EventDeliveryStatus,
  EventInput,
  EventListParams,
  EventType,
  EventTypeInput,
  EventTypeListParams,
  EventTypeUpdate,
  EventWithDeliveries,
  FieldError,
  JsonSchema,
  ListParams,
  Page,
  ProblemDocument,
  PublishedEvent,
  PublishOptions,
  ReplayInput,
  ReplayResult,
  ReplayStatus,
  RotateSecretInput,
  SigningSecret,
  Subscription,
  SubscriptionHealth,
  SubscriptionInput,
  SubscriptionListParams,
  SubscriptionOrdering,
  SubscriptionStatus,
  SubscriptionUpdate,
  Tenant,
  TenantInput,
  TenantLocale,
  TestSendInput,
  TestSendResult,
  TimeParam,
} from './client/api.types';
export { signWebhook } from './webhooks/sign-webhook';
export {
  DEFAULT_TOLERANCE_SECONDS,
  verifyWebhook,
  type VerifiedWebhook,
  type VerifyWebhookOptions,
  type WebhookHeaders,
} from './webhooks/verify-webhook';
export { isWebhookBatch, webhookEvents, type WebhookBatch, type WebhookEvent, type WebhookPayload } from './webhooks/webhook-payload';
export { WebhookVerificationError, WebhookVerificationReason } from './webhooks/webhook-verification.error';
