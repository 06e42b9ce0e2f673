import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { admitInQueueOrder } from './admission';

interface MemberRow {
  id: string;
  status: string;
  attempt_count: number;
}

/**
 * The dispatcher's side of the per-subscription send queue kept in Postgres (`deliveries.queue_seq`).
 * Ordered subscriptions consult it before each request; deliveries that must wait are parked at its
 * tail, and the retry scheduler releases them in order once nothing is ahead of them.
 */
@Injectable()
export class DeliveryQueue {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Splits a unit of an ordered subscription into what may be sent now and what was parked; members
   * no longer open (finished, cancelled, or this attempt already made) are in neither list.
   */
  async admit(subscriptionId: string, members: readonly { deliveryId: string; attempt: number }[]): Promise<{ send: string[]; parked: string[] }> {
    const ids = members.map((member) => member.deliveryId);
    const [rows, head] = await Promise.all([
      this.dataSource.query<MemberRow[]>(`SELECT id, status, attempt_count FROM deliveries WHERE id = ANY($1)`, [ids]),
      this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM deliveries WHERE subscription_id = $1 AND queue_seq IS NOT NULL ORDER BY queue_seq LIMIT $2`,
        [subscriptionId, ids.length],
      ),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const open = members
      .filter((member) => {
        const row = byId.get(member.deliveryId);
        return row !== undefined && (row.status === 'pending' || row.status === 'retrying') && row.attempt_count < member.attempt;
      })
      .map((member) => member.deliveryId);
    const { send, park } = admitInQueueOrder(open, head.map((row) => row.id));
    await this.park(park);
    return { send, parked: park };
  }

  /** Puts deliveries at the tail of their subscriptions' queues (in the given order), unless already queued. */
  async park(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE deliveries d SET queue_seq = COALESCE(d.queue_seq, q.seq), released_at = NULL, updated_at = now()
       FROM (SELECT id, nextval('delivery_queue_seq') AS seq FROM unnest($1::text[]) WITH ORDINALITY AS u(id, ord) ORDER BY ord) q
       WHERE d.id = q.id AND d.status = 'pending'`,
      [ids],
    );
  }

  /**
   * Holds deliveries whose subscription is paused — checked against Postgres, not only the directory,
   * so a delivery racing an `enable` is never stranded `held` under an enabled subscription: those are
   * queued instead, and the retry scheduler sends them.
   */
  async holdOrQueue(ids: readonly string[]): Promise<{ held: number; queued: number }> {
    if (ids.length === 0) return { held: 0, queued: 0 };
    const [row] = await this.dataSource.query<{ held: number; queued: number }[]>(
      `WITH held AS (
         UPDATE deliveries d SET status = 'held', next_attempt_at = NULL, released_at = NULL, updated_at = now()
         FROM subscriptions s
         WHERE d.id = ANY($1) AND d.status IN ('pending', 'retrying') AND s.id = d.subscription_id AND s.status <> 'enabled'
         RETURNING d.id
       ), queued AS (
         UPDATE deliveries d SET status = 'pending', next_attempt_at = NULL, released_at = NULL, updated_at = now(),
           queue_seq = COALESCE(d.queue_seq, q.seq)
         FROM (SELECT id, nextval('delivery_queue_seq') AS seq FROM unnest($1::text[]) WITH ORDINALITY AS u(id, ord) ORDER BY ord) q,
              subscriptions s
         WHERE d.id = q.id AND d.status IN ('pending', 'retrying') AND s.id = d.subscription_id AND s.status = 'enabled'
           AND s.deleted_at IS NULL
         RETURNING d.id
       )
       SELECT (SELECT count(*) FROM held)::int AS held, (SELECT count(*) FROM queued)::int AS queued`,
      [ids],
    );
    return row ?? { held: 0, queued: 0 };
  }
}
