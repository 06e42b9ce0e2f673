/**
 * The resources of Hookline's management API (registry) and ingest API, as they travel over the wire.
 * Times are ISO 8601 strings; a field that can be empty is `null`, never absent.
 */

/** One page of a list: `nextCursor` is null on the last page. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Every list takes these: `limit` 1–250 (default 50) and the `cursor` of the previous page. */
export interface ListParams {
  limit?: number;
  cursor?: string;
}

/** A time filter accepts an ISO 8601 string with an offset, or a Date. */
export type TimeParam = string | Date;

/** A field error of a problem document: `field` is a dotted path (`retrySchedule.3`, `query.limit`). */
export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem document (`application/problem+json`). */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

// Tenants (admin token)

export type TenantLocale = 'en' | 'ar' | 'he' | 'is';

export interface Tenant {
  id: string;
  name: string;
  alertEmail: string | null;
  locale: TenantLocale;
  createdAt: string;
  updatedAt: string;
}

/** The create answer: the tenant's first API key is shown this once. */
export interface CreatedTenant extends Tenant {
  apiKey: string;
}

export interface TenantInput {
  name: string;
  alertEmail?: string | null;
  /** Default `en`. */
  locale?: TenantLocale;
}

// API keys

export interface ApiKey {
  id: string;
  name: string;
  /** The key's last characters, e.g. `hk_…a1b2`. */
  hint: string;
  lastUsedAt: string | null;
  createdAt: string;
}

/** The create answer: the token is shown this once; Hookline keeps only its hash. */
export interface CreatedApiKey extends ApiKey {
  apiKey: string;
}

export interface ApiKeyInput {
  /** Default `api key`. */
  name?: string;
}

// Event types

/** A JSON Schema object for an event type's `data`. */
export type JsonSchema = Record<string, unknown>;

export interface EventType {
  name: string;
  description: string | null;
  schema: JsonSchema | null;
  archived: boolean;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EventTypeInput {
  /** `[a-zA-Z0-9_]` segments joined by `.`; names under `hookline.` are reserved. */
  name: string;
  description?: string | null;
  schema?: JsonSchema | null;
}

export interface EventTypeUpdate {
  description?: string | null;
  schema?: JsonSchema | null;
}

export interface EventTypeListParams extends ListParams {
  /** Also list archived types. */
  includeArchived?: boolean;
}

// Subscriptions

export type SubscriptionStatus = 'enabled' | 'disabled' | 'auto_disabled';
export type SubscriptionOrdering = 'ordered' | 'unordered';

export type DeliveryPolicy = { mode: 'simple' } | { mode: 'batch'; maxBatchSize: number; maxBatchWaitMs: number };

/** What a write takes: batch sizes default to 100 events and 1000 ms. */
export type DeliveryPolicyInput = { mode: 'simple' } | { mode: 'batch'; maxBatchSize?: number; maxBatchWaitMs?: number };

export interface Subscription {
  id: string;
  name: string;
  description: string | null;
  url: string;
  eventTypes: string[];
  policy: DeliveryPolicy;
  ordering: SubscriptionOrdering;
  maxInFlight: number;
  rateLimitPerSecond: number | null;
  timeoutMs: number;
  retrySchedule: number[];
  /** Masked, e.g. `Bearer ••••abcd`. */
  authorization: string | null;
  headers: Record<string, string>;
  failureThreshold: number;
  failureWindowSeconds: number;
  status: SubscriptionStatus;
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The create answer: the only place besides `getSecret` where the signing secret appears. */
export interface CreatedSubscription extends Subscription {
  secret: string;
}

/** A new subscription; everything but `name` and `url` has the default the API documents. */
export interface SubscriptionInput {
  name: string;
  url: string;
  description?: string | null;
  /** Default `["*"]`. */
  eventTypes?: string[];
  /** Default `{"mode":"simple"}`. */
  policy?: DeliveryPolicyInput;
  /** Default `unordered`. */
  ordering?: SubscriptionOrdering;
  /** Default 10. */
  maxInFlight?: number;
  rateLimitPerSecond?: number | null;
  /** Default 5000, 1000–30000. */
  timeoutMs?: number;
  /** Seconds between attempts; default `[5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800]`. */
  retrySchedule?: number[];
  /** Sent as the `Authorization` header; a bare token is sent as `Bearer <token>`. */
  authorization?: string | null;
  headers?: Record<string, string>;
  /** `whsec_` + base64 of 24–64 bytes; generated when left out. */
  secret?: string;
  /** Default 30. */
  failureThreshold?: number;
  /** Default 1800. */
  failureWindowSeconds?: number;
}

/** A partial update: what is left out stays as it is, `null` clears a nullable field. */
export type SubscriptionUpdate = Partial<Omit<SubscriptionInput, 'secret'>>;

export interface SubscriptionListParams extends ListParams {
  status?: SubscriptionStatus;
}

export interface SigningSecret {
  secret: string;
  /** When the previous secret stops signing; null when there is none. */
  previousSecretExpiresAt: string | null;
}

export interface RotateSecretInput {
  /** The new secret; generated when left out. */
  secret?: string;
}

export interface TestSendInput {
  /** Default `hookline.test`; any other type must be in the catalog. */
  type?: string;
  data?: unknown;
}

/** What the endpoint did with a test send; the API answers 200 whatever it was. */
export interface TestSendResult {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  /** `class: message` (`timeout`, `connection_refused`, `http_status`…); null on success. */
  error: string | null;
  /** The first 4 KiB of the endpoint's answer. */
  responseBody: string | null;
}

/**
 * `subscriptions.health`: why the endpoint fails and how close the subscription is to auto-disable.
 * `failuresInWindow` is counted by the rule that disables it: at `failureThreshold` it is `auto_disabled`.
 */
export interface SubscriptionHealth {
  subscriptionId: string;
  status: SubscriptionStatus;
  disabledReason: string | null;
  disabledAt: string | null;
  /** The first failed request since the last success; null while the endpoint works. */
  failingSince: string | null;
  /** Null when no request has succeeded yet. */
  lastSuccessAt: string | null;
  /** Null when no request has failed yet. */
  lastFailureAt: string | null;
  /** What the last failed request got back; null when no response arrived or none failed. */
  lastStatusCode: number | null;
  /** The last failure as `class: message` (`timeout`, `connection_refused`, `http_status`…). */
  lastError: string | null;
  failuresInWindow: number;
  failureThreshold: number;
  failureWindowSeconds: number;
  /** Failures that finished after this are counted: the latest of now − the window, the last enable and the last success. */
  windowStart: string;
}

export type ReplayStatus = 'dead' | 'held' | 'failed';

export interface ReplayInput {
  since: TimeParam;
  /** Default now. */
  until?: TimeParam;
  /** Default all three. */
  statuses?: ReplayStatus[];
}

export interface ReplayResult {
  queued: number;
}

// Deliveries and attempts

export type DeliveryStatus = 'pending' | 'succeeded' | 'retrying' | 'dead' | 'held' | 'cancelled';

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  subscriptionId: string;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Attempt {
  id: string;
  number: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  /** `timeout`, `connection_refused`, `dns`, `tls`, `blocked_destination`, `http_status`…; null on success. */
  error: string | null;
  /** Cut at 4 KiB. */
  responseBody: string | null;
}

export interface DeliveryWithAttempts extends Delivery {
  attempts: Attempt[];
}

export interface DeliveryListParams extends ListParams {
  subscriptionId?: string;
  eventId?: string;
  status?: DeliveryStatus;
  /** Deliveries created at or after this time. */
  since?: TimeParam;
  /** Deliveries created before this time. */
  until?: TimeParam;
}

// Events (ingest)

export interface EventInput<D = unknown> {
  type: string;
  data: D;
  /** Idempotency id: the same id within 24 h answers with the original event. */
  id?: string;
  occurredAt?: TimeParam;
}

export interface PublishOptions {
  /** Sent as the `Idempotency-Key` header; must equal `id` when both are given. */
  idempotencyKey?: string;
}

export interface PublishedEvent {
  id: string;
  type: string;
  receivedAt: string;
  /** True when the id was seen within 24 h: no new deliveries were made. */
  duplicate: boolean;
}

export type BatchPublishResult = ({ index: number } & PublishedEvent) | { index: number; error: ProblemDocument };

/** One result per event, in input order; one bad event does not refuse the others. */
export interface BatchPublishResponse {
  results: BatchPublishResult[];
}

export interface Event<D = unknown> {
  id: string;
  type: string;
  data: D;
  occurredAt: string;
  receivedAt: string;
  idempotencyKey: string | null;
}

export interface EventDeliveryStatus {
  id: string;
  subscriptionId: string;
  status: DeliveryStatus;
  attemptCount: number;
  lastStatusCode: number | null;
}

export interface EventWithDeliveries<D = unknown> extends Event<D> {
  deliveries: EventDeliveryStatus[];
}

export interface EventListParams extends ListParams {
  type?: string;
  /** Events received at or after this time. */
  since?: TimeParam;
  /** Events received before this time. */
  until?: TimeParam;
}
