import { createHmac } from 'node:crypto';
import { signingKey } from './webhook-secret';

/** `v1,<base64 HMAC-SHA256>` over `{id}.{timestamp}.{body}`, the exact body bytes included as they are. */
export function webhookSignature(key: Buffer, id: string, timestampSeconds: number, body: string | Uint8Array): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.`, 'utf8').update(body).digest('base64')}`;
}

/**
 * The `webhook-signature` value Hookline would send for this request: for a receiver's own tests, to
 * build requests its handler must accept. Several secrets give several space-separated signatures.
 */
export function signWebhook(
  secret: string | readonly string[],
  id: string,
  timestampSeconds: number,
  body: string | Uint8Array,
): string {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  return secrets.map((one) => webhookSignature(signingKey(one), id, timestampSeconds, body)).join(' ');
}
