import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeliveryStatus } from '@hookline/persistence';

/** When a replay looks: deliveries created at or after `since` and before `until` (default: now). */
export interface CreationWindow {
  since: Date;
  until: Date | undefined;
}

/**
 * Queues deliveries for sending: `pending`, no due time, not released yet, and a place in their
 * subscription's send queue. The retry scheduler hands each queue to the dispatchers in `queue_seq`
 * order, so nothing is produced to Kafka here and what is queued goes out only once this commits.
 * New places are drawn in delivery id order (ids sort by creation time); a delivery that already has a
 * place — an ordered subscription's failing head — keeps it. Every method runs in the caller's
 * transaction and locks the rows it queues, in id order.
 */
@Injectable()
export class DeliveryQueue {
  /** Every held delivery of the subscription: what enabling it sends. */
  queueHeld(manager: EntityManager, subscriptionId: string): Promise<number> {
    return this.queue(manager, `subscription_id = $1 AND status = 'held'`, [subscriptionId]);
  }

  /** The subscription's deliveries created inside the window whose status is one of `statuses`. */
  queueCreatedWithin(manager: EntityManager, subscriptionId: string, window: CreationWindow, statuses: readonly DeliveryStatus[]): Promise<number> {
    return this.queue(
      manager,
      `subscription_id = $1 AND created_at >= $2 AND created_at < COALESCE($3::timestamptz, now()) AND status = ANY($4::text[])`,
      [subscriptionId, window.since, window.until ?? null, statuses],
    );
  }

  /** One delivery, which the caller has locked and found allowed to go again. */
  queueOne(manager: EntityManager, deliveryId: string): Promise<number> {
    return this.queue(manager, `id = $1`, [deliveryId]);
  }

  // `filter` is one of the constant conditions above, never text from a request.
  private async queue(manager: EntityManager, filter: string, parameters: unknown[]): Promise<number> {
    // The CTE runs nextval once per row, in the locked rows' id order; a bare UPDATE would answer [rows, count].
    const [row] = await manager.query<{ queued: number }[]>(
      `WITH placed AS (
         SELECT id, nextval('delivery_queue_seq') AS seq
         FROM (SELECT id FROM deliveries WHERE ${filter} ORDER BY id FOR UPDATE) picked
       ), queued AS (
         UPDATE deliveries d
         SET status = 'pending', next_attempt_at = NULL, released_at = NULL,
             queue_seq = COALESCE(d.queue_seq, placed.seq), updated_at = now()
         FROM placed
         WHERE d.id = placed.id
         RETURNING d.id
       )
       SELECT count(*)::int AS queued FROM queued`,
      parameters,
    );
    return row?.queued ?? 0;
  }
}
