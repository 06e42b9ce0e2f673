import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventRow } from './event-rows';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Stores a batch of accepted events in one statement. Each event claims its idempotency key for 24 h.
 * A key already claimed by another event means a duplicate, which is dropped; a key claimed by this
 * very event id means Kafka redelivered it (or the REST API claimed it first), so it is kept and the
 * caller fans it out again — fan-out is idempotent, so a crash between the two steps loses nothing.
 */
@Injectable()
export class PersistEventsUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Returns the rows that are this batch's to fan out. */
  async execute(rows: EventRow[], now: Date = new Date()): Promise<EventRow[]> {
    if (rows.length === 0) return [];
    const expiresAt = new Date(now.getTime() + IDEMPOTENCY_TTL_MS);
    const claimed: { id: string }[] = await this.dataSource.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::bool[], $11::text[])
           AS t(id, tenant_id, type, data, occurred_at, received_at, idempotency_key, producer_key, traceparent)
       ), claimed AS (
         INSERT INTO event_idempotency_keys (tenant_id, key, event_id, expires_at)
         SELECT tenant_id, idempotency_key, id, $9 FROM input
         ON CONFLICT (tenant_id, key) DO UPDATE
           SET event_id = EXCLUDED.event_id, expires_at = EXCLUDED.expires_at, confirmed = true
           WHERE event_idempotency_keys.expires_at < $10 OR event_idempotency_keys.event_id = EXCLUDED.event_id
         RETURNING event_id
       ), stored AS (
         INSERT INTO events (id, tenant_id, type, data, occurred_at, received_at, idempotency_key, traceparent)
         SELECT input.id, input.tenant_id, input.type, input.data, input.occurred_at, input.received_at,
                CASE WHEN input.producer_key THEN input.idempotency_key END, input.traceparent
         FROM input JOIN claimed ON claimed.event_id = input.id
         ON CONFLICT (id) DO NOTHING
       )
       SELECT event_id AS id FROM claimed`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.tenantId),
        rows.map((row) => row.type),
        rows.map((row) => JSON.stringify(row.data)),
        rows.map((row) => row.occurredAt),
        rows.map((row) => row.receivedAt),
        rows.map((row) => row.idempotencyKey),
        rows.map((row) => row.producerKey),
        expiresAt,
        now,
        rows.map((row) => row.traceparent ?? null),
      ],
    );
    const ours = new Set(claimed.map((row) => row.id));
    return rows.filter((row) => ours.has(row.id));
  }
}
