import { z } from 'zod';

const SubscriptionId = z.string().regex(/^sub_[0-9A-Z]{26}$/);

export const DeliveryPolicySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('simple') }),
  z.object({ mode: z.literal('batch'), maxBatchSize: z.number().int(), maxBatchWaitMs: z.number().int() }),
]);

export const SubscriptionStatusSchema = z.enum(['enabled', 'disabled', 'auto_disabled']);

/**
 * Current state of one subscription on the compacted `hookline.subscriptions.v1` topic (key: its id;
 * a null value is the tombstone of a deleted one). Secrets travel only as AES-256-GCM ciphertext.
 */
export const SubscriptionStateMessage = z.object({
  id: SubscriptionId,
  tenantId: z.string(),
  revision: z.number().int().positive(),
  name: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  policy: DeliveryPolicySchema,
  ordering: z.enum(['ordered', 'unordered']),
  maxInFlight: z.number().int().positive(),
  rateLimitPerSecond: z.number().int().positive().nullable(),
  timeoutMs: z.number().int().positive(),
  retrySchedule: z.array(z.number().int().positive()),
  headers: z.record(z.string(), z.string()),
  authorizationEnc: z.string().nullable(),
  secretEnc: z.string(),
  previousSecretEnc: z.string().nullable(),
  previousSecretExpiresAt: z.iso.datetime().nullable(),
  failureThreshold: z.number().int().positive(),
  failureWindowSeconds: z.number().int().positive(),
  status: SubscriptionStatusSchema,
  disabledReason: z.string().nullable(),
  disabledAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
});
export type SubscriptionStateMessage = z.infer<typeof SubscriptionStateMessage>;
