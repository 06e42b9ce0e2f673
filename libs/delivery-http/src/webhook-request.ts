import { randomBytes } from 'node:crypto';
import { idTime, type DeliveryMessage } from '@hookline/contracts';
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

/**
 * What one request carries: a single delivery (simple mode), or the members of a batch in order
 * (batch mode), whose batch id is the request's `webhook-id` on every attempt.
 */
export type DeliveryUnit = { batchId: null; items: [DeliveryMessage] } | { batchId: string; items: DeliveryMessage[] };

type EventOf = Pick<DeliveryMessage, 'eventId' | 'eventType' | 'occurredAt' | 'data'>;

const eventJson = (delivery: EventOf) => ({ id: delivery.eventId, type: delivery.eventType, timestamp: delivery.occurredAt, data: delivery.data });

/** The body of a simple-mode delivery (SPEC §5). */
export function webhookBody(delivery: EventOf): string {
  return JSON.stringify(eventJson(delivery));
}

/**
 * The body of a batch (SPEC §5). Its timestamp is the batch's creation time, read from the batch id,
 * so a retried batch sends the very same bytes.
 */
export function batchBody(batchId: string, items: readonly EventOf[]): string {
  return JSON.stringify({ type: 'batch', timestamp: new Date(idTime(batchId)).toISOString(), data: items.map(eventJson) });
}

export function webhookId(unit: DeliveryUnit): string {
  return unit.batchId ?? unit.items[0].deliveryId;
}

/**
 * The exact request of SPEC §5: the signature covers `{webhook-id}.{webhook-timestamp}.{body}` with the
 * very body bytes sent. `webhook-id` is the delivery id (the batch id in batch mode), the same on every retry.
 */
export function buildWebhookRequest(
  target: DeliveryTarget,
  unit: DeliveryUnit,
  nowSeconds: number,
  userAgent: string,
  traceparent?: string,
): WebhookRequest {
  const id = webhookId(unit);
  const body = unit.batchId === null ? webhookBody(unit.items[0]) : batchBody(unit.batchId, unit.items);
  const headers: Record<string, string> = {
    ...target.headers,
    'content-type': 'application/json',
    'user-agent': userAgent,
    'webhook-id': id,
    'webhook-timestamp': String(nowSeconds),
    'webhook-signature': signatureHeader(target.signingKeys, id, nowSeconds, body),
  };
  if (target.authorization !== null) headers.authorization = target.authorization;
  if (traceparent !== undefined) headers.traceparent = traceparent;
  return { url: target.url, headers, body, timeoutMs: target.timeoutMs };
}

/** A request whose event came without trace context starts a trace of its own, so receivers always get one. */
export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}
