import { z } from 'zod';
import { IsoTime } from '@hookline/http-api';

const policy = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('simple') }),
  z.object({ mode: z.literal('batch'), maxBatchSize: z.number().int(), maxBatchWaitMs: z.number().int() }),
]);

/** A subscription as every route shows it: secrets never, `authorization` masked (SPEC §3). */
export const SubscriptionView = z.object({
  id: z.string().meta({ example: 'sub_01KAW2Z3B4C5D6E7F8G9H0JKMN' }),
  name: z.string().meta({ example: 'Order sync' }),
  description: z.string().nullable(),
  url: z.string().meta({ example: 'https://shop.example.com/hooks/hookline' }),
  eventTypes: z.array(z.string()).meta({ example: ['order.*'] }),
  policy,
  ordering: z.enum(['ordered', 'unordered']),
  maxInFlight: z.number().int(),
  rateLimitPerSecond: z.number().int().nullable(),
  timeoutMs: z.number().int(),
  retrySchedule: z.array(z.number().int()),
  authorization: z.string().nullable().meta({ description: 'Masked: the scheme and the last 4 characters', example: 'Bearer ••••abcd' }),
  headers: z.record(z.string(), z.string()),
  failureThreshold: z.number().int(),
  failureWindowSeconds: z.number().int(),
  status: z.enum(['enabled', 'disabled', 'auto_disabled']),
  disabledReason: z.string().nullable(),
  disabledAt: IsoTime.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const CreatedSubscriptionView = SubscriptionView.extend({
  secret: z.string().meta({ description: 'Shown here and by GET …/secret only', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
});

export const SigningSecretView = z.object({
  secret: z.string().meta({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
  previousSecretExpiresAt: IsoTime.nullable().meta({ description: 'Until when the retired secret still signs; null when none does' }),
});
export type SigningSecretView = z.infer<typeof SigningSecretView>;

export const TestSendResultView = z.object({
  ok: z.boolean(),
  statusCode: z.number().int().nullable().meta({ description: 'Null when no response arrived' }),
  durationMs: z.number().int(),
  error: z.string().nullable().meta({ description: '`class: message` (timeout, connection_refused, dns, tls, blocked_destination, http_status…)' }),
  responseBody: z.string().nullable().meta({ description: 'The first 4 KiB of the answer' }),
});
export type TestSendResultView = z.infer<typeof TestSendResultView>;

export const ReplayResultView = z.object({ queued: z.number().int().meta({ description: 'Deliveries queued to be sent again' }) });

/**
 * `GET …/health`: why the endpoint fails and how close the subscription is to auto-disable. The count
 * is the one the auto-disable rule (SPEC §6) compares with `failureThreshold`.
 */
export const SubscriptionHealthView = z.object({
  subscriptionId: z.string().meta({ example: 'sub_01KAW2Z3B4C5D6E7F8G9H0JKMN' }),
  status: SubscriptionView.shape.status,
  disabledReason: SubscriptionView.shape.disabledReason,
  disabledAt: SubscriptionView.shape.disabledAt,
  failingSince: IsoTime.nullable().meta({ description: 'The first failed request since the last success; null while the endpoint works' }),
  lastSuccessAt: IsoTime.nullable().meta({ description: 'When a request last succeeded; null when none has' }),
  lastFailureAt: IsoTime.nullable().meta({ description: 'When a request last failed; null when none has' }),
  lastStatusCode: z.number().int().nullable().meta({ description: 'What the last failed request got back; null when no response arrived or none failed' }),
  lastError: z.string().nullable().meta({ description: 'The last failure as `class: message` (timeout, connection_refused, http_status…)' }),
  failuresInWindow: z.number().int().meta({ description: 'Failed requests counted toward auto-disable now; at `failureThreshold` the subscription is auto-disabled' }),
  failureThreshold: SubscriptionView.shape.failureThreshold,
  failureWindowSeconds: SubscriptionView.shape.failureWindowSeconds,
  windowStart: IsoTime.meta({
    description: 'Failures that finished after this are counted: the latest of now − `failureWindowSeconds`, the last enable and the last success',
  }),
});
export type SubscriptionHealthView = z.infer<typeof SubscriptionHealthView>;

export const subscriptionExample: SubscriptionView = {
  id: 'sub_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  name: 'Order sync',
  description: 'Orders to the shop backend',
  url: 'https://shop.example.com/hooks/hookline',
  eventTypes: ['order.*'],
  policy: { mode: 'simple' },
  ordering: 'ordered',
  maxInFlight: 10,
  rateLimitPerSecond: null,
  timeoutMs: 5000,
  retrySchedule: [5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800],
  authorization: 'Bearer ••••abcd',
  headers: { 'x-shop': 'north' },
  failureThreshold: 30,
  failureWindowSeconds: 1800,
  status: 'enabled',
  disabledReason: null,
  disabledAt: null,
  createdAt: '2026-11-23T12:00:00.000Z',
  updatedAt: '2026-11-23T12:00:00.000Z',
};

export const subscriptionHealthExample: SubscriptionHealthView = {
  subscriptionId: 'sub_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  status: 'enabled',
  disabledReason: null,
  disabledAt: null,
  failingSince: '2026-11-23T12:04:10.512Z',
  lastSuccessAt: '2026-11-23T12:01:57.033Z',
  lastFailureAt: '2026-11-23T12:09:41.870Z',
  lastStatusCode: 503,
  lastError: 'http_status: HTTP 503',
  failuresInWindow: 12,
  failureThreshold: 30,
  failureWindowSeconds: 1800,
  windowStart: '2026-11-23T12:01:57.033Z',
};
