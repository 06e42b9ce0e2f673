import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BatchDeliveryMessage, DeliveryMessage } from '@hookline/contracts';

interface MemberRow {
  id: string;
  tenant_id: string;
  event_id: string;
  event_type: string;
  attempt_count: number;
  status: string;
  occurred_at: Date;
  received_at: Date;
  data: unknown;
}

/** Loads the members of a failed batch the scheduler re-published, with their events, in body order. */
@Injectable()
export class BatchMembers {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The members still waiting for this attempt; finished, cancelled or already-attempted ones drop out. */
  async load(message: BatchDeliveryMessage): Promise<DeliveryMessage[]> {
    const rows = await this.dataSource.query<MemberRow[]>(
      `SELECT d.id, d.tenant_id, d.event_id, d.event_type, d.attempt_count, d.status, e.occurred_at, e.received_at, e.data
       FROM deliveries d JOIN events e ON e.id = d.event_id
       WHERE d.id = ANY($1) AND d.batch_id = $2`,
      [message.deliveryIds, message.batchId],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const members: DeliveryMessage[] = [];
    for (const id of message.deliveryIds) {
      const row = byId.get(id);
      if (row === undefined || !(row.status === 'pending' || row.status === 'retrying') || row.attempt_count >= message.attempt) continue;
      members.push({
        deliveryId: row.id,
        tenantId: row.tenant_id,
        subscriptionId: message.subscriptionId,
        subscriptionRevision: message.subscriptionRevision,
        eventId: row.event_id,
        eventType: row.event_type,
        occurredAt: row.occurred_at.toISOString(),
        data: row.data,
        attempt: row.attempt_count + 1,
        acceptedAt: row.received_at.toISOString(),
      });
    }
    return members;
  }
}
