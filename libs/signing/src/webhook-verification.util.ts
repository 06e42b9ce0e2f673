import { timingSafeEqual } from 'node:crypto';
import { InvalidSecretError, WebhookVerificationError, WebhookVerificationErrorCode } from './signing.errors';
import { parseSecret } from './webhook-secret.util';
import { SIGNATURE_VERSION, WebhookHeaderNames, signatureDigest } from './webhook-signature.util';

export type WebhookHeaders = Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** Allowed clock difference in either direction; bounds how long a captured request can be replayed. */
  toleranceSeconds?: number;
  nowSeconds?: number;
}

export const DEFAULT_TOLERANCE_SECONDS = 300;

const TIMESTAMP_PATTERN = /^\d+$/;

/** Returns normally when a signature made with one of `secrets` matches; throws otherwise. */
export function verifyWebhook(
  secrets: string | readonly string[],
  headers: WebhookHeaders,
  body: string | Buffer,
  options: VerifyWebhookOptions = {},
): void {
  const keys = parseSecrets(secrets);
  const toleranceSeconds = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new RangeError('toleranceSeconds must be a non-negative number');
  }
  const nowSeconds = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  // NaN would make both age comparisons false and silently skip the replay check.
  if (!Number.isFinite(nowSeconds)) {
    throw new RangeError('nowSeconds must be a finite number');
  }

  const ids = headerValues(headers, WebhookHeaderNames.id);
  const timestamps = headerValues(headers, WebhookHeaderNames.timestamp);
  const signatures = headerValues(headers, WebhookHeaderNames.signature);
  const [webhookId] = ids;
  const [timestampText] = timestamps;
  if (webhookId === undefined || timestampText === undefined || signatures.length === 0) {
    throw new WebhookVerificationError(WebhookVerificationErrorCode.MissingHeader, 'Missing required webhook headers');
  }
  // Conflicting duplicates leave it unclear which value was signed, so refuse rather than pick one.
  if (ids.length > 1) {
    throw new WebhookVerificationError(WebhookVerificationErrorCode.MissingHeader, 'Expected exactly one webhook-id');
  }
  if (timestamps.length > 1) {
    throw new WebhookVerificationError(
      WebhookVerificationErrorCode.InvalidTimestamp,
      'Expected exactly one webhook-timestamp',
    );
  }

  const timestampSeconds = parseTimestamp(timestampText);
  if (nowSeconds - timestampSeconds > toleranceSeconds) {
    throw new WebhookVerificationError(WebhookVerificationErrorCode.TimestampTooOld, 'Webhook timestamp is too old');
  }
  if (timestampSeconds - nowSeconds > toleranceSeconds) {
    throw new WebhookVerificationError(WebhookVerificationErrorCode.TimestampTooNew, 'Webhook timestamp is too new');
  }

  const candidates = signatures
    .flatMap((value) => value.split(/\s+/))
    .map(parseSignatureEntry)
    .filter((candidate): candidate is Buffer => candidate !== undefined);

  for (const key of keys) {
    const expected = Buffer.from(signatureDigest(key, webhookId, timestampSeconds, body).toString('base64'), 'utf8');
    for (const candidate of candidates) {
      // timingSafeEqual needs equal lengths; the expected length is fixed and public, so checking it leaks nothing.
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) return;
    }
  }
  throw new WebhookVerificationError(WebhookVerificationErrorCode.NoMatchingSignature, 'No matching signature found');
}

function parseSecrets(secrets: string | readonly string[]): Buffer[] {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (list.length === 0) {
    throw new WebhookVerificationError(WebhookVerificationErrorCode.InvalidSecret, 'No verification secret configured');
  }
  try {
    return list.map(parseSecret);
  } catch (error) {
    if (error instanceof InvalidSecretError) {
      throw new WebhookVerificationError(WebhookVerificationErrorCode.InvalidSecret, error.message, { cause: error });
    }
    throw error;
  }
}

/** Distinct non-empty values under `name` in any letter case, across repeated and array-valued headers. */
function headerValues(headers: WebhookHeaders, name: string): string[] {
  const values = new Set<string>();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) {
      const trimmed = item.trim();
      if (trimmed !== '') values.add(trimmed);
    }
  }
  return [...values];
}

function parseTimestamp(text: string): number {
  const value = Number(text);
  // Stricter than parseInt: "1614265330abc" or "1e9" would otherwise sign one string and check another.
  if (!TIMESTAMP_PATTERN.test(text) || !Number.isSafeInteger(value)) {
    throw new WebhookVerificationError(
      WebhookVerificationErrorCode.InvalidTimestamp,
      'Webhook timestamp is not an integer',
    );
  }
  return value;
}

/** The base64 part of a `v1,` entry as bytes; other versions are skipped as the spec requires. */
function parseSignatureEntry(entry: string): Buffer | undefined {
  const comma = entry.indexOf(',');
  if (comma === -1 || entry.slice(0, comma) !== SIGNATURE_VERSION) return undefined;
  return Buffer.from(entry.slice(comma + 1), 'utf8');
}
