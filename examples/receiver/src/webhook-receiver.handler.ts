import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyWebhook, WebhookVerificationError, webhookEvents, type VerifiedWebhook, type WebhookEvent } from '@hookline/sdk';
import { RecentWebhookIds } from './recent-webhook-ids';

/** What one request was: its `webhook-id` (delivery or batch id) and where the event sits in it. */
export interface WebhookContext {
  webhookId: string;
  /** The event's position in a batch; 0 for a single event. */
  index: number;
}

export interface WebhookReceiverOptions {
  /** Every secret that may sign: the current one, and the previous one while a rotation is under way. */
  secrets: readonly string[];
  /** The receiver's business; runs after the request was answered. */
  onEvent: (event: WebhookEvent, context: WebhookContext) => void | Promise<void>;
  seen?: RecentWebhookIds;
  /** Batches can be large: up to `maxBatchSize` events of up to 256 KiB each. Default 16 MiB. */
  maxBodyBytes?: number;
  log?: (message: string) => void;
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * A `node:http` request listener for Hookline webhooks: reads the raw body, verifies it, skips repeats
 * and answers at once, then hands each event to `onEvent`. Answering first keeps the endpoint inside
 * Hookline's timeout however slow the work is.
 */
export function createWebhookHandler(options: WebhookReceiverOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const seen = options.seen ?? new RecentWebhookIds();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.log ?? ((message: string) => console.log(message));

  return (request, response) => {
    if (request.method !== 'POST') {
      answer(response, 405, 'only POST', { allow: 'POST' });
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, not kept: answering mid-upload and closing the
      // socket could reset the connection before the sender has read the 413.
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    request.on('error', () => response.destroy());
    request.on('end', () => {
      if (size > maxBodyBytes) {
        answer(response, 413, 'body too large');
        return;
      }
      // The signature covers these exact bytes: verify them before any JSON parsing or re-encoding.
      const body = Buffer.concat(chunks);
      let verified: VerifiedWebhook;
      try {
        verified = verifyWebhook(options.secrets, request.headers, body);
      } catch (error) {
        if (error instanceof WebhookVerificationError) {
          log(`refused a request: ${error.reason}`);
          answer(response, 401, `invalid webhook: ${error.reason}`);
        } else {
          // A bad secret in the configuration is the receiver's fault, not the request's: a 5xx says so.
          log(`cannot verify webhooks: ${error instanceof Error ? error.message : String(error)}`);
          answer(response, 500, 'receiver misconfigured');
        }
        return;
      }
      if (!seen.remember(verified.id)) {
        answer(response, 200, 'already received');
        return;
      }
      answer(response, 204);
      setImmediate(() => {
        handleEvents(webhookEvents(verified.payload), verified.id, options.onEvent).catch((error: unknown) => {
          // Already answered 2xx, so Hookline will not send it again; a real receiver stores the event
          // durably before answering and works from that store, retrying on its own.
          log(`handling ${verified.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        });
      });
    });
  };
}

/** In order, one at a time, as an ordered subscription means them. */
async function handleEvents(events: WebhookEvent[], webhookId: string, onEvent: WebhookReceiverOptions['onEvent']): Promise<void> {
  for (const [index, event] of events.entries()) await onEvent(event, { webhookId, index });
}

function answer(response: ServerResponse, status: number, text?: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, text === undefined ? headers : { 'content-type': 'text/plain; charset=utf-8', ...headers });
  response.end(text);
}
