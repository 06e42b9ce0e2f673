import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AttemptMessage, Topics } from '@hookline/contracts';
import { MessageProducer } from '@hookline/messaging';

export interface RecordedAttempt {
  message: AttemptMessage;
  /** Class and message, e.g. `timeout: no response within 5000 ms`. */
  errorText: string | null;
  responseBody: string | null;
  /** The batch this attempt sent the delivery in (its `webhook-id`), null in simple mode. */
  batchId: string | null;
  /** Its index in the batch body (null in simple mode). */
  batchPosition: number | null;
  /** Keep (or put) the delivery in its subscription's queue: an ordered subscription's failed head. */
  keepQueued: boolean;
}

interface Pending {
  attempts: RecordedAttempt[];
  resolve(): void;
}

const MAX_BATCH = 500;
const LINGER_MS = 10;

/**
 * Makes attempt outcomes durable in batches: one statement stores the attempts and moves their
 * deliveries on, then the outcomes go to `hookline.attempts.v1`. `record` resolves only after both,
 * which is what lets the consumer commit the delivery's offset. A failed flush is retried, never dropped.
 */
@Injectable()
export class OutcomeRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger(OutcomeRecorder.name);
  private queue: Pending[] = [];
  private queuedAttempts = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MessageProducer) private readonly producer: MessageProducer,
  ) {}

  /** Stores the attempts of one request (several for a batch) together; resolves once they are durable. */
  record(attempts: RecordedAttempt[]): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ attempts, resolve });
      this.queuedAttempts += attempts.length;
      if (this.queuedAttempts >= MAX_BATCH) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), LINGER_MS);
    });
  }

  private kick(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.flushing !== undefined) return;
    this.flushing = this.drain().finally(() => {
      this.flushing = undefined;
      if (this.queue.length > 0 && !this.stopped) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      let failures = 0;
      for (;;) {
        try {
          await this.flush(batch.flatMap((pending) => pending.attempts));
          break;
        } catch (error) {
          if (this.stopped) return;
          failures += 1;
          if (failures === 1 || failures % 20 === 0) this.logger.warn(`recording ${batch.length} request(s) failed, retrying: ${String(error)}`);
          await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** Math.min(failures, 6))));
        }
      }
      for (const pending of batch) pending.resolve();
    }
  }

  /** Whole requests, up to about MAX_BATCH attempts (a batch's attempts are never split). */
  private takeBatch(): Pending[] {
    let count = 0;
    let take = 0;
    while (take < this.queue.length && (take === 0 || count + this.queue[take]!.attempts.length <= MAX_BATCH)) {
      count += this.queue[take]!.attempts.length;
      take += 1;
    }
    this.queuedAttempts -= count;
    return this.queue.splice(0, take);
  }

  private async flush(attempts: RecordedAttempt[]): Promise<void> {
    // A redelivered message may repeat an attempt number; the later outcome wins.
    const unique = [...new Map(attempts.map((attempt) => [`${attempt.message.deliveryId}:${attempt.message.number}`, attempt])).values()];
    const rows = unique.map((attempt) => attempt.message);
    await this.dataSource.query(
      `WITH raw AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::int[],
                              $8::int[], $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::text[], $14::int[], $15::bool[])
           WITH ORDINALITY AS t(id, delivery_id, tenant_id, subscription_id, number, started_at, duration_ms,
                status_code, error, response_body, delivery_status, next_attempt_at, batch_id, batch_position, keep_queued, ord)
       ), input AS (
         -- New queue places are drawn in input order, so a failed batch keeps its members' order.
         SELECT raw.*, CASE WHEN keep_queued THEN nextval('delivery_queue_seq') END AS new_queue_seq
         FROM (SELECT * FROM raw ORDER BY ord) raw
       ), stored AS (
         INSERT INTO attempts (id, delivery_id, tenant_id, subscription_id, number, started_at, duration_ms, status_code, error, response_body)
         SELECT id, delivery_id, tenant_id, subscription_id, number, started_at, duration_ms, status_code, error, response_body FROM input
         ON CONFLICT (delivery_id, number) DO UPDATE
           SET id = EXCLUDED.id, started_at = EXCLUDED.started_at, duration_ms = EXCLUDED.duration_ms,
               status_code = EXCLUDED.status_code, error = EXCLUDED.error, response_body = EXCLUDED.response_body
       )
       UPDATE deliveries d
       SET status = input.delivery_status, attempt_count = GREATEST(d.attempt_count, input.number),
           next_attempt_at = input.next_attempt_at, last_status_code = input.status_code, last_error = input.error,
           batch_id = input.batch_id, batch_position = input.batch_position, released_at = NULL,
           queue_seq = CASE WHEN input.keep_queued THEN COALESCE(d.queue_seq, input.new_queue_seq) END,
           dead_reported_at = CASE WHEN input.delivery_status = 'dead' THEN NULL ELSE d.dead_reported_at END,
           updated_at = now()
       FROM input
       WHERE d.id = input.delivery_id AND d.status <> 'cancelled' AND d.attempt_count <= input.number`,
      [
        rows.map((row) => row.attemptId),
        rows.map((row) => row.deliveryId),
        rows.map((row) => row.tenantId),
        rows.map((row) => row.subscriptionId),
        rows.map((row) => row.number),
        rows.map((row) => row.startedAt),
        rows.map((row) => row.durationMs),
        rows.map((row) => row.statusCode),
        unique.map((attempt) => storableText(attempt.errorText)),
        unique.map((attempt) => storableText(attempt.responseBody)),
        rows.map((row) => row.deliveryStatus),
        rows.map((row) => row.nextAttemptAt),
        unique.map((attempt) => attempt.batchId),
        unique.map((attempt) => attempt.batchPosition),
        unique.map((attempt) => attempt.keepQueued),
      ],
    );
    await this.producer.send(Topics.attempts, AttemptMessage, rows.map((row) => ({ key: row.subscriptionId, value: row })));
  }

  /** Flushes what is queued, giving up after a few seconds; what is not stored is replayed from Kafka. */
  async onApplicationShutdown(): Promise<void> {
    if (this.queue.length > 0) this.kick();
    await Promise.race([this.flushing, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    this.stopped = true;
  }
}

/** Postgres text cannot hold U+0000; an endpoint may well answer with it. */
export function storableText(text: string | null): string | null {
  return text === null || !text.includes('\u0000') ? text : text.replaceAll('\u0000', '\uFFFD');
}
