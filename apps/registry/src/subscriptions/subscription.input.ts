import { z } from 'zod';
import { DEFAULT_RETRY_SCHEDULE_SECONDS, EventData, EventTypeName, isEventTypePattern, SubscriptionLimits as L } from '@hookline/contracts';
import { isValidSecret } from '@hookline/signing';

const int = (min: number, max: number) =>
  z.number({ error: 'must be a number' }).int('must be an integer').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

// Hop-by-hop headers, what the HTTP client computes itself, and what Hookline signs or sets.
const RESERVED_HEADERS = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer',
  'transfer-encoding', 'upgrade', 'host', 'content-length', 'content-type', 'content-encoding', 'user-agent',
  'authorization', 'webhook-id', 'webhook-timestamp', 'webhook-signature', 'traceparent', 'tracestate', 'expect',
]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const hasControlCharacter = (value: string) => [...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

const headerValue = z
  .string()
  .max(L.headers.maxValueLength, `must be at most ${L.headers.maxValueLength} characters`)
  .refine((value) => !hasControlCharacter(value), 'must not contain control characters (CR, LF…)');

const headers = z
  .record(z.string(), headerValue)
  .superRefine((value, ctx) => {
    const names = Object.keys(value);
    if (names.length > L.headers.maxEntries) ctx.addIssue({ code: 'custom', message: `at most ${L.headers.maxEntries} headers` });
    const seen = new Set<string>();
    for (const name of names) {
      const lower = name.toLowerCase();
      if (!HEADER_NAME.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'is not a valid header name' });
      else if (RESERVED_HEADERS.has(lower) || lower.startsWith('webhook-')) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'is set by Hookline and cannot be overridden' });
      } else if (seen.has(lower)) ctx.addIssue({ code: 'custom', path: [name], message: 'is given twice' });
      seen.add(lower);
    }
  });

const policy = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('simple') }).strict(),
  z
    .object({
      mode: z.literal('batch'),
      maxBatchSize: int(L.batch.maxBatchSize.min, L.batch.maxBatchSize.max).default(L.batch.maxBatchSize.default),
      maxBatchWaitMs: int(L.batch.maxBatchWaitMs.min, L.batch.maxBatchWaitMs.max).default(L.batch.maxBatchWaitMs.default),
    })
    .strict(),
], { error: 'must be {"mode":"simple"} or {"mode":"batch", …}' });

const eventTypes = z
  .array(z.string().refine(isEventTypePattern, 'must be an event type name, "prefix.*" or "*"'))
  .min(1, 'must name at least one event type (use ["*"] for all)')
  .max(L.eventTypes.maxEntries, `must have at most ${L.eventTypes.maxEntries} entries`);

const retrySchedule = z
  .array(int(L.retrySchedule.minSeconds, L.retrySchedule.maxSeconds))
  .min(L.retrySchedule.minEntries, `must have at least ${L.retrySchedule.minEntries} entry`)
  .max(L.retrySchedule.maxEntries, `must have at most ${L.retrySchedule.maxEntries} entries`);

const authorization = z
  .string()
  .trim()
  .min(1, 'must not be empty (use null to remove it)')
  .max(4096, 'must be at most 4096 characters')
  .refine((value) => !hasControlCharacter(value), 'must not contain control characters (CR, LF…)');

/** Every writable field of a subscription (SPEC §3), without defaults: the shape PATCH takes. */
const fields = {
  name: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  description: z.string().max(2000, 'must be at most 2000 characters').nullable(),
  url: z.string({ error: 'is required' }).max(2048, 'must be at most 2048 characters'),
  eventTypes,
  policy,
  ordering: z.enum(['ordered', 'unordered'], { error: 'must be "ordered" or "unordered"' }),
  maxInFlight: int(L.maxInFlight.min, L.maxInFlight.max),
  rateLimitPerSecond: int(L.rateLimitPerSecond.min, L.rateLimitPerSecond.max).nullable(),
  timeoutMs: int(L.timeoutMs.min, L.timeoutMs.max),
  retrySchedule,
  authorization: authorization.nullable(),
  headers,
  secret: z.string().refine(isValidSecret, 'must be "whsec_" followed by base64 of 24 to 64 bytes'),
  failureThreshold: int(L.failureThreshold.min, L.failureThreshold.max),
  failureWindowSeconds: int(L.failureWindowSeconds.min, L.failureWindowSeconds.max),
};

export const CreateSubscriptionInput = z
  .object({
    ...fields,
    description: fields.description.optional(),
    eventTypes: eventTypes.default(['*']),
    policy: policy.default({ mode: 'simple' }),
    ordering: fields.ordering.default('unordered'),
    maxInFlight: fields.maxInFlight.default(L.maxInFlight.default),
    rateLimitPerSecond: fields.rateLimitPerSecond.optional(),
    timeoutMs: fields.timeoutMs.default(L.timeoutMs.default),
    retrySchedule: retrySchedule.default([...DEFAULT_RETRY_SCHEDULE_SECONDS]),
    authorization: fields.authorization.optional(),
    headers: headers.default({}),
    secret: fields.secret.optional(),
    failureThreshold: fields.failureThreshold.default(L.failureThreshold.default),
    failureWindowSeconds: fields.failureWindowSeconds.default(L.failureWindowSeconds.default),
  })
  .strict();
export type CreateSubscriptionInput = z.infer<typeof CreateSubscriptionInput>;

const { secret: _secret, ...updatable } = fields;
export const UpdateSubscriptionInput = z.object(updatable).partial().strict();
export type UpdateSubscriptionInput = z.infer<typeof UpdateSubscriptionInput>;

/** `POST /v1/subscriptions/{id}/rotate-secret`: the new secret, validated as at create, or none to generate one. */
export const RotateSecretInput = z.object({ secret: fields.secret.optional() }).strict();
export type RotateSecretInput = z.infer<typeof RotateSecretInput>;

/** A bare token is sent as `Bearer <token>`; a value with a scheme (`Basic …`, `Bearer …`) as given. */
export function normalizeAuthorization(value: string): string {
  return /\s/.test(value) ? value : `Bearer ${value}`;
}

export const SubscriptionListQuery = z.object({
  status: z.enum(['enabled', 'disabled', 'auto_disabled']).optional(),
});

/** `POST /v1/subscriptions/{id}/test`: what to send; by default a `hookline.test` event naming the subscription. */
export const TestSendInput = z
  .object({
    type: EventTypeName.optional(),
    data: EventData.optional(),
  })
  .strict();
export type TestSendInput = z.infer<typeof TestSendInput>;
