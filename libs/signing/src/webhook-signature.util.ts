import { createHmac } from 'node:crypto';

export const SIGNATURE_VERSION = 'v1';

/** Header names of Standard Webhooks 1.0; HTTP treats them case-insensitively. */
export const WebhookHeaderNames = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

export function signatureDigest(key: Buffer, webhookId: string, timestampSeconds: number, body: string | Buffer): Buffer {
  if (key.length === 0) {
    throw new RangeError('Signing key must not be empty');
  }
  // Receivers parse the header as whole seconds; anything else would sign a string they never rebuild.
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new RangeError('Timestamp must be a non-negative integer number of seconds');
  }
  const hmac = createHmac('sha256', key).update(`${webhookId}.${timestampSeconds}.`, 'utf8');
  // A Buffer body is hashed as-is: the receiver sees these bytes, not a re-encoded string.
  return typeof body === 'string' ? hmac.update(body, 'utf8').digest() : hmac.update(body).digest();
}

export function signPayload(key: Buffer, webhookId: string, timestampSeconds: number, body: string | Buffer): string {
  return `${SIGNATURE_VERSION},${signatureDigest(key, webhookId, timestampSeconds, body).toString('base64')}`;
}

/** One entry per key, so receivers holding either the old or the new secret accept during rotation. */
export function signatureHeader(
  keys: readonly Buffer[],
  webhookId: string,
  timestampSeconds: number,
  body: string | Buffer,
): string {
  if (keys.length === 0) {
    throw new RangeError('At least one signing key is required');
  }
  return keys.map((key) => signPayload(key, webhookId, timestampSeconds, body)).join(' ');
}
