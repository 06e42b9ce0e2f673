import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How far back a subscription's last change is looked at; any race with it is long over by then. */
const RECENT_CHANGE_MINUTES = 10;

/**
 * Queues `held` deliveries of subscriptions that are enabled again. `enable` queues the held
 * deliveries it sees; one written `held` by a fan-out or dispatcher that read the subscription as
 * paused just before `enable` committed arrives a moment too late for it — this sweep sends it.
 * Only subscriptions changed in the last few minutes are looked at, so the sweep stays cheap.
 */
@Injectable()
export class QueueStrandedHeldUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async execute(limit: number): Promise<number> {
    const [row] = await this.dataSource.query<{ queued: number }[]>(
      `WITH stranded AS (
         SELECT d.id FROM subscriptions s
         JOIN deliveries d ON d.subscription_id = s.id AND d.status = 'held'
         WHERE s.status = 'enabled' AND s.deleted_at IS NULL AND s.updated_at > now() - make_interval(mins => $1)
         ORDER BY d.id LIMIT $2
         FOR UPDATE OF d SKIP LOCKED
       ), placed AS (
         SELECT id, nextval('delivery_queue_seq') AS seq FROM (SELECT id FROM stranded ORDER BY id) ordered
       ), queued AS (
         UPDATE deliveries d
         SET status = 'pending', next_attempt_at = NULL, released_at = NULL, queue_seq = COALESCE(d.queue_seq, placed.seq), updated_at = now()
         FROM placed WHERE d.id = placed.id
         RETURNING d.id
       )
       SELECT count(*)::int AS queued FROM queued`,
      [RECENT_CHANGE_MINUTES, limit],
    );
    return row?.queued ?? 0;
  }
}
