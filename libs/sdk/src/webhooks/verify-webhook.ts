import { timingSafeEqual } from 'node:crypto';
import { webhookSignature } from './sign-webhook';
import { WebhookVerificationError, WebhookVerificationReason as Reason } from './webhook-verification.error';
import type { WebhookPayload } from './webhook-payload';
import { signingKey } from './webhook-secret';

/** Request headers as Node (`IncomingHttpHeaders`), a framework's plain object or fetch (`Headers`) gives them. */
export type WebhookHeaders = { get(name: string): string | null } | Record<string, string | readonly string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far `webhook-timestamp` may be from now, either way; default 300. Bounds how long a captured request can be replayed. */
  toleranceSeconds?: number;
  /** The clock to check the timestamp against; default the current time. */
  now?: Date;
}

export interface VerifiedWebhook<T = WebhookPayload> {
  /** `webhook-id`: the delivery id (batch id in batch mode), the same on every retry — de-duplicate on it. */
  id: string;
  /** `webhook-timestamp`: Unix seconds of this attempt. */
  timestamp: number;
  /** The parsed JSON body. */
  payload: T;
}

export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Checks that a request is a genuine Hookline webhook (Standard Webhooks v1) and returns its parsed body.
 * Pass the body exactly as received — the raw bytes, not re-serialised JSON — and, during a secret
 * rotation on the receiver's side, every secret that may still sign. Throws `WebhookVerificationError`
 * when the request must not be trusted.
 */
export function verifyWebhook<T = WebhookPayload>(
  secret: string | readonly string[],
  headers: WebhookHeaders,
  body: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): VerifiedWebhook<T> {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0) throw new TypeError('verifyWebhook needs at least one secret');
  const keys = secrets.map(signingKey);
  const toleranceSeconds = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) throw new RangeError('toleranceSeconds must be a non-negative number');
  const nowMs = (options.now ?? new Date()).getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('now must be a valid date');

  const id = singleHeader(headers, 'webhook-id');
  const timestampText = singleHeader(headers, 'webhook-timestamp');
  const signatures = headerValues(headers, 'webhook-signature');
  if (signatures.length === 0) throw new WebhookVerificationError(Reason.missingHeader, 'the webhook-signature header is missing');

  if (!/^\d{1,12}$/.test(timestampText)) {
    throw new WebhookVerificationError(Reason.invalidTimestamp, 'webhook-timestamp is not a number of Unix seconds');
  }
  const timestamp = Number(timestampText);
  const nowSeconds = Math.floor(nowMs / 1000);
  if (nowSeconds - timestamp > toleranceSeconds) {
    throw new WebhookVerificationError(Reason.timestampTooOld, `webhook-timestamp is more than ${toleranceSeconds} s old`);
  }
  if (timestamp - nowSeconds > toleranceSeconds) {
    throw new WebhookVerificationError(Reason.timestampTooNew, `webhook-timestamp is more than ${toleranceSeconds} s in the future`);
  }

  const offered = signatures.flatMap(v1Signatures);
  // Every (secret, entry) pair is compared, so the time taken does not tell which one matched.
  let matched = false;
  for (const key of keys) {
    const expected = Buffer.from(webhookSignature(key, id, timestamp, body).slice('v1,'.length), 'ascii');
    for (const candidate of offered) matched = constantTimeEqual(candidate, expected) || matched;
  }
  if (!matched) throw new WebhookVerificationError(Reason.noMatchingSignature, 'no signature matches the secret');

  return { id, timestamp, payload: parsePayload<T>(body) };
}

/** The `v1` entries of one header value; other versions are for other verifiers and are skipped. */
function v1Signatures(value: string): Buffer[] {
  return value
    .split(/\s+/)
    // Node joins a repeated header with ", ", which leaves a comma after an entry.
    .map((entry) => entry.replace(/,$/, ''))
    .flatMap((entry) => {
      const comma = entry.indexOf(',');
      if (comma < 0 || entry.slice(0, comma) !== 'v1') return [];
      return [Buffer.from(entry.slice(comma + 1), 'ascii')];
    });
}

function constantTimeEqual(candidate: Buffer, expected: Buffer): boolean {
  // The expected length is public (base64 of 32 bytes), so checking it first leaks nothing.
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

function singleHeader(headers: WebhookHeaders, name: string): string {
  const values = headerValues(headers, name);
  const [first] = values;
  if (first === undefined || first === '') throw new WebhookVerificationError(Reason.missingHeader, `the ${name} header is missing`);
  // Two different values leave it unclear which one was signed.
  if (values.some((value) => value !== first)) throw new WebhookVerificationError(Reason.duplicateHeader, `the ${name} header is given twice`);
  return first;
}

/** Every value of a header, looked up case-insensitively. */
function headerValues(headers: WebhookHeaders, name: string): string[] {
  if (isHeadersLike(headers)) {
    const value = headers.get(name);
    return value === null ? [] : [value.trim()];
  }
  return Object.entries(headers)
    .filter(([key]) => key.toLowerCase() === name)
    .flatMap(([, value]) => (value === undefined ? [] : typeof value === 'string' ? [value] : [...value]))
    .map((value) => value.trim());
}

function isHeadersLike(headers: WebhookHeaders): headers is { get(name: string): string | null } {
  return typeof (headers as { get?: unknown }).get === 'function';
}

function parsePayload<T>(body: string | Uint8Array): T {
  const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new WebhookVerificationError(Reason.invalidPayload, 'the body is signed but is not JSON');
  }
}
