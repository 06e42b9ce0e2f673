import { z } from 'zod';

export const DeliveryStatusSchema = z.enum(['pending', 'succeeded', 'retrying', 'dead', 'held', 'cancelled']);
export type DeliveryStatusName = z.infer<typeof DeliveryStatusSchema>;

/** Outcome of one HTTP attempt, on `hookline.attempts.v1` keyed by subscription id. */
export const AttemptMessage = z.object({
  attemptId: z.string().regex(/^att_[0-9A-Z]{26}$/),
  deliveryId: z.string(),
  tenantId: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  number: z.number().int().positive(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  /** Human-readable detail of `error` (e.g. `no response within 5000 ms`); absent from older producers. */
  errorMessage: z.string().nullable().optional(),
  ok: z.boolean(),
  /** The delivery's status after this attempt, and when the next one is due if it is retrying. */
  deliveryStatus: DeliveryStatusSchema,
  nextAttemptAt: z.iso.datetime().nullable(),
  retryAfterSeconds: z.number().nonnegative().nullable(),
  /** The batch the delivery went in (its `webhook-id`): every member of one request shares it. */
  batchId: z.string().nullable().optional(),
});
export type AttemptMessage = z.infer<typeof AttemptMessage>;
