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
