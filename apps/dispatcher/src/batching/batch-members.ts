import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BatchDeliveryMessage, DeliveryMessage } from '@hookline/contracts';
import { DELIVERY_ROW_COLUMNS, DELIVERY_ROW_SOURCE, deliveryMessageOf, type DeliveryRow } from '@hookline/persistence';

/** Loads the members of a failed batch the scheduler re-published, with their events, in body order. */
@Injectable()
export class BatchMembers {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The members still waiting for this attempt; finished, cancelled or already-attempted ones drop out. */
  async load(message: BatchDeliveryMessage): Promise<DeliveryMessage[]> {
    const rows = await this.dataSource.query<DeliveryRow[]>(
      `SELECT ${DELIVERY_ROW_COLUMNS} FROM ${DELIVERY_ROW_SOURCE} WHERE d.id = ANY($1) AND d.batch_id = $2`,
      [message.deliveryIds, message.batchId],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const members: DeliveryMessage[] = [];
    for (const id of message.deliveryIds) {
      const row = byId.get(id);
      if (row === undefined || !(row.status === 'pending' || row.status === 'retrying') || row.attempt_count >= message.attempt) continue;
      members.push(deliveryMessageOf(row));
    }
    return members;
  }
}
