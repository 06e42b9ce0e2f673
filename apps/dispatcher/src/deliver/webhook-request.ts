import type { DeliveryMessage } from '@hookline/contracts';
import { signatureHeader } from '@hookline/signing';

/** What the dispatcher needs to know of a subscription to send to it, secrets already decrypted. */
export interface DeliveryTarget {
  id: string;
  url: string;
  timeoutMs: number;
  headers: Record<string, string>;
  authorization: string | null;
  /** The current signing key first, then the previous one while it is still valid. */
  signingKeys: Buffer[];
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** The body of a simple-mode delivery (SPEC §5). */
export function webhookBody(delivery: Pick<DeliveryMessage, 'eventId' | 'eventType' | 'occurredAt' | 'data'>): string {
  return JSON.stringify({ id: delivery.eventId, type: delivery.eventType, timestamp: delivery.occurredAt, data: delivery.data });
}

/**
 * The exact request of SPEC §5: the signature covers `{webhook-id}.{webhook-timestamp}.{body}` with the
 * very body bytes sent. `webhook-id` is the delivery id, the same on every retry.
 */
export function buildWebhookRequest(
  target: DeliveryTarget,
  delivery: DeliveryMessage,
  nowSeconds: number,
  userAgent: string,
  traceparent?: string,
): WebhookRequest {
  const body = webhookBody(delivery);
  const headers: Record<string, string> = {
    ...target.headers,
    'content-type': 'application/json',
    'user-agent': userAgent,
    'webhook-id': delivery.deliveryId,
    'webhook-timestamp': String(nowSeconds),
    'webhook-signature': signatureHeader(target.signingKeys, delivery.deliveryId, nowSeconds, body),
  };
  if (target.authorization !== null) headers.authorization = target.authorization;
  if (traceparent !== undefined) headers.traceparent = traceparent;
  return { url: target.url, headers, body, timeoutMs: target.timeoutMs };
}
