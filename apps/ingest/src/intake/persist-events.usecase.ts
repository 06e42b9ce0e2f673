import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newId, type EventMessage } from '@hookline/contracts';
import type { ConsumedMessage } from '@hookline/messaging';
import { planEventRows, type EventRow } from './event-rows';

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Stores a batch of accepted events in one statement. Each event claims its idempotency key (the
 * producer's id, else its Kafka coordinates) for 24 h; an event whose key is already claimed is a
 * duplicate or a redelivery and is not stored again.
 */
@Injectable()
export class PersistEventsUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async execute(messages: ConsumedMessage<EventMessage>[], now: Date = new Date()): Promise<EventRow[]> {
    const rows = planEventRows(messages, now, () => newId('evt', now.getTime()));
    if (rows.length === 0) return [];
    const expiresAt = new Date(now.getTime() + IDEMPOTENCY_TTL_MS);
    const stored: { id: string }[] = await this.dataSource.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::text[])
           AS t(id, tenant_id, type, data, occurred_at, idempotency_key)
       ), claimed AS (
         INSERT INTO event_idempotency_keys (tenant_id, key, event_id, expires_at)
         SELECT tenant_id, idempotency_key, id, $7 FROM input
         ON CONFLICT (tenant_id, key) DO UPDATE
           SET event_id = EXCLUDED.event_id, expires_at = EXCLUDED.expires_at
           WHERE event_idempotency_keys.expires_at < $8
         RETURNING event_id
       )
       INSERT INTO events (id, tenant_id, type, data, occurred_at, received_at, idempotency_key)
       SELECT input.id, input.tenant_id, input.type, input.data, input.occurred_at, $8, input.idempotency_key
       FROM input JOIN claimed ON claimed.event_id = input.id
       RETURNING id`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.tenantId),
        rows.map((row) => row.type),
        rows.map((row) => JSON.stringify(row.data)),
        rows.map((row) => row.occurredAt),
        rows.map((row) => row.idempotencyKey),
        expiresAt,
        now,
      ],
    );
    const storedIds = new Set(stored.map((row) => row.id));
    return rows.filter((row) => storedIds.has(row.id));
  }
}
