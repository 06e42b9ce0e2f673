import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryTopicMessage, Topics } from '@hookline/contracts';
import { MessageProducer } from '@hookline/messaging';
import { DELIVERY_ROW_COLUMNS, type DeliveryRow } from '@hookline/persistence';
import { deliveryMessages } from './delivery-rows';

/** A released chunk not finished by then is released again (the dispatcher skips what it already did). */
export const RELEASE_LEASE_SECONDS = 120;

/**
 * Sends what waits in subscriptions' queues (deliveries parked behind a failing delivery of an ordered
 * subscription, or queued by enable, replay and retry), in queue order. A subscription's queue is
 * released a chunk at a time, and only when its head is `pending` and not already on its way: while an
 * ordered subscription's head is `retrying`, nothing behind it moves.
 */
@Injectable()
export class ReleaseQueuedUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MessageProducer) private readonly producer: MessageProducer,
  ) {}

  /** Releases up to `chunk` deliveries of each of up to `subscriptions` queues; resolves with how many. */
  async execute(subscriptions: number, chunk: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // Walks the distinct subscriptions of the queue index (a skip scan), then checks each head.
      const heads = await manager.query<{ id: string }[]>(
        `WITH RECURSIVE queued AS (
           SELECT min(subscription_id) AS subscription_id FROM deliveries WHERE queue_seq IS NOT NULL
           UNION ALL
           SELECT (SELECT min(d.subscription_id) FROM deliveries d WHERE d.queue_seq IS NOT NULL AND d.subscription_id > queued.subscription_id)
           FROM queued WHERE queued.subscription_id IS NOT NULL
         )
         SELECT h.id FROM queued
         CROSS JOIN LATERAL (
           SELECT d.id, d.status, d.released_at FROM deliveries d
           WHERE d.subscription_id = queued.subscription_id AND d.queue_seq IS NOT NULL
           ORDER BY d.queue_seq LIMIT 1
         ) h
         WHERE h.status = 'pending' AND (h.released_at IS NULL OR h.released_at < now() - make_interval(secs => $1))
         LIMIT $2`,
        [RELEASE_LEASE_SECONDS, subscriptions],
      );
      if (heads.length === 0) return 0;
      // Another replica releasing the same queue holds its head; skip those.
      const locked = await manager.query<{ subscription_id: string }[]>(
        `SELECT subscription_id FROM deliveries
         WHERE id = ANY($1) AND status = 'pending' AND queue_seq IS NOT NULL
           AND (released_at IS NULL OR released_at < now() - make_interval(secs => $2))
         FOR UPDATE SKIP LOCKED`,
        [heads.map((head) => head.id), RELEASE_LEASE_SECONDS],
      );
      if (locked.length === 0) return 0;
      const rows = await manager.query<DeliveryRow[]>(
        `SELECT ${DELIVERY_ROW_COLUMNS}
         FROM unnest($1::text[]) AS q(subscription_id)
         CROSS JOIN LATERAL (
           SELECT * FROM deliveries d0
           WHERE d0.subscription_id = q.subscription_id AND d0.queue_seq IS NOT NULL AND d0.status = 'pending'
           ORDER BY d0.queue_seq LIMIT $2
         ) d
         JOIN subscriptions s ON s.id = d.subscription_id
         JOIN events e ON e.id = d.event_id
         ORDER BY d.subscription_id, d.queue_seq`,
        [locked.map((row) => row.subscription_id), chunk],
      );
      if (rows.length === 0) return 0;
      // Queued deliveries go one by one: a batch-mode subscription batches them afresh.
      await this.producer.send(Topics.deliveries, DeliveryTopicMessage, deliveryMessages(rows.map((row) => ({ ...row, batch_id: null }))));
      await manager.query(`UPDATE deliveries SET released_at = now() WHERE id = ANY($1)`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }
}
