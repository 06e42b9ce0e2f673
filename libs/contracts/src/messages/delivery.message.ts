import { z } from 'zod';

/**
 * One (event, subscription) pair to deliver, on `hookline.deliveries.v1` keyed by subscription id so
 * every delivery of an endpoint lands on one partition, in order. `attempt` is the number of the
 * attempt this message asks for; a retry re-publishes the same delivery with the next number.
 */
export const DeliveryMessage = z.object({
  deliveryId: z.string().regex(/^dlv_[0-9A-Z]{26}$/),
  tenantId: z.string(),
  subscriptionId: z.string().regex(/^sub_[0-9A-Z]{26}$/),
  /** Revision of the subscription when the delivery was planned; a dispatcher holding an older one reloads it. */
  subscriptionRevision: z.number().int().positive(),
  eventId: z.string(),
  eventType: z.string(),
  occurredAt: z.iso.datetime(),
  data: z.unknown(),
  attempt: z.number().int().positive(),
  /** When Hookline accepted the event: the start of end-to-end latency. */
  acceptedAt: z.iso.datetime(),
});
export type DeliveryMessage = z.infer<typeof DeliveryMessage>;

/**
 * A failed batch (batch-mode subscriptions) re-published as a unit by the retry scheduler: the same
 * `batchId` (its `webhook-id`) and members, which the dispatcher loads from Postgres, so the message
 * stays small however large the batch body is.
 */
export const BatchDeliveryMessage = z.object({
  kind: z.literal('batch'),
  batchId: z.string().regex(/^bat_[0-9A-Z]{26}$/),
  tenantId: z.string(),
  subscriptionId: z.string().regex(/^sub_[0-9A-Z]{26}$/),
  subscriptionRevision: z.number().int().positive(),
  /** Member deliveries in the order their events appear in the body. */
  deliveryIds: z.array(z.string().regex(/^dlv_[0-9A-Z]{26}$/)).min(1),
  attempt: z.number().int().positive(),
});
export type BatchDeliveryMessage = z.infer<typeof BatchDeliveryMessage>;

/** Anything on `hookline.deliveries.v1`. */
export const DeliveryTopicMessage = z.union([BatchDeliveryMessage, DeliveryMessage]);
export type DeliveryTopicMessage = z.infer<typeof DeliveryTopicMessage>;
