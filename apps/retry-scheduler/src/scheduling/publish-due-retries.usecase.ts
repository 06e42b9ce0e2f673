import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DeliveryTopicMessage, Topics } from '@hookline/contracts';
import { MessageProducer } from '@hookline/messaging';
import { DELIVERY_ROW_COLUMNS, DELIVERY_ROW_SOURCE, type DeliveryRow } from '@hookline/persistence';
import { deliveryMessages } from './delivery-rows';

/**
 * Hands deliveries whose next attempt is due back to the dispatchers. Due rows are claimed with
 * `FOR UPDATE SKIP LOCKED` (failed batches with a per-batch advisory lock, so a batch is never split
 * between replicas), produced to `hookline.deliveries.v1` keyed by subscription, and only then marked
 * `pending` in the same transaction. A crash before the commit leaves them due: they are published
 * again, and the dispatcher skips the copy whose attempt already happened.
 */
@Injectable()
export class PublishDueRetriesUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MessageProducer) private readonly producer: MessageProducer,
  ) {}

  /** Publishes up to `limit` due deliveries (plus whole batches); resolves with how many. */
  async execute(limit: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const singles = await manager.query<DeliveryRow[]>(
        `SELECT ${DELIVERY_ROW_COLUMNS} FROM ${DELIVERY_ROW_SOURCE}
         WHERE d.status = 'retrying' AND d.next_attempt_at <= now() AND d.batch_id IS NULL
         ORDER BY d.next_attempt_at LIMIT $1
         FOR UPDATE OF d SKIP LOCKED`,
        [limit],
      );
      const batched = await this.claimDueBatches(manager, limit);
      const rows = [...singles, ...batched];
      if (rows.length === 0) return 0;
      await this.producer.send(Topics.deliveries, DeliveryTopicMessage, deliveryMessages(rows));
      // released_at keeps the queue releaser off an ordered subscription's head that is on its way.
      await manager.query(
        `UPDATE deliveries SET status = 'pending', next_attempt_at = NULL, released_at = now(), updated_at = now() WHERE id = ANY($1)`,
        [rows.map((row) => row.id)],
      );
      return rows.length;
    });
  }

  private async claimDueBatches(manager: EntityManager, limit: number): Promise<DeliveryRow[]> {
    const due = await manager.query<{ batch_id: string }[]>(
      `SELECT DISTINCT batch_id FROM deliveries
       WHERE status = 'retrying' AND next_attempt_at <= now() AND batch_id IS NOT NULL
       LIMIT $1`,
      [Math.max(1, Math.floor(limit / 10))],
    );
    if (due.length === 0) return [];
    const claimed = await manager.query<{ batch_id: string }[]>(
      `SELECT batch_id FROM unnest($1::text[]) AS b(batch_id) WHERE pg_try_advisory_xact_lock(hashtextextended(batch_id, 0))`,
      [due.map((row) => row.batch_id)],
    );
    if (claimed.length === 0) return [];
    return manager.query<DeliveryRow[]>(
      `SELECT ${DELIVERY_ROW_COLUMNS} FROM ${DELIVERY_ROW_SOURCE}
       WHERE d.batch_id = ANY($1) AND d.status = 'retrying'
       ORDER BY d.batch_id, d.batch_position, d.id
       FOR UPDATE OF d`,
      [claimed.map((row) => row.batch_id)],
    );
  }
}
