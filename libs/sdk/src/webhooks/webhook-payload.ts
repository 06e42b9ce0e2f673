/** One event as a webhook request carries it (simple mode), or as one entry of a batch. */
export interface WebhookEvent<D = unknown> {
  /** The event id (`evt_…`); the request's `webhook-id` is the delivery id. */
  id: string;
  type: string;
  /** When the event occurred, ISO 8601. */
  timestamp: string;
  data: D;
}

/** A batch-mode request: several events in one body, delivered in order. */
export interface WebhookBatch<D = unknown> {
  type: 'batch';
  /** When the batch was formed, ISO 8601. */
  timestamp: string;
  data: WebhookEvent<D>[];
}

export type WebhookPayload<D = unknown> = WebhookEvent<D> | WebhookBatch<D>;

/**
 * Tells a batch from a single event. `type` alone is not enough: `batch` is a valid event type name, so
 * a batch is the body without an `id` whose `data` is a list.
 */
export function isWebhookBatch<D>(payload: WebhookPayload<D>): payload is WebhookBatch<D> {
  return payload.type === 'batch' && !('id' in payload) && Array.isArray(payload.data);
}

/** The events of a request, whatever its mode. */
export function webhookEvents<D>(payload: WebhookPayload<D>): WebhookEvent<D>[] {
  return isWebhookBatch(payload) ? payload.data : [payload];
}
