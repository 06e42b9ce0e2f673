import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { DeliveryMessage, Topics } from '@hookline/contracts';
import { decodeMessage, headerText, KAFKA } from '@hookline/messaging';
import { DeliverWebhookUseCase } from '../deliver/deliver-webhook.usecase';
import { DispatcherMetrics } from '../outcomes/dispatcher-metrics';
import { SubscriptionDirectory } from '../subscriptions/subscription-directory';
import { OffsetTracker, type PartitionOffsets } from './offset-tracker';
import { SubscriptionLanes } from './subscription-lanes';

export const DISPATCHER_GROUP = 'hookline-dispatcher';

// Work held in memory at once; past either bound, fetching pauses until deliveries finish.
const MAX_BUFFERED_DELIVERIES = 20_000;
const MAX_BUFFERED_BYTES = 128 * 1024 * 1024;
const COMMIT_INTERVAL_MS = 100;

interface Fetched {
  message: KafkaMessage;
  delivery: DeliveryMessage;
}

/**
 * Consumes `hookline.deliveries.v1` in batches and spreads each batch over per-subscription lanes, so
 * many endpoints are in flight at once and a slow one stalls nobody else. A message's offset counts
 * as done once its outcome is durable (or it needs no attempt); commits advance over done offsets only.
 */
@Injectable()
export class DeliveryConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryConsumer.name);
  private readonly consumer: Consumer;
  private readonly tracker = new OffsetTracker();
  private readonly lanes = new SubscriptionLanes();
  private readonly toCommit = new Map<string, { topic: string; partition: number; offset: string }>();
  private commitTimer: NodeJS.Timeout | undefined;
  private buffered = 0;
  private bufferedBytes = 0;
  private capacityWaiters: (() => void)[] = [];

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SubscriptionDirectory) private readonly directory: SubscriptionDirectory,
    @Inject(DeliverWebhookUseCase) private readonly deliver: DeliverWebhookUseCase,
    @Inject(DispatcherMetrics) private readonly metrics: DispatcherMetrics,
  ) {
    this.consumer = kafka.consumer({
      groupId: DISPATCHER_GROUP,
      allowAutoTopicCreation: false,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      maxBytesPerPartition: 1024 * 1024,
      maxWaitTimeInMs: 50,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10000 },
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => this.onAssignment(payload.memberAssignment));
  }

  onApplicationBootstrap(): void {
    this.start().catch((error: unknown) => this.logger.error(`delivery consumer stopped: ${String(error)}`));
  }

  private async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [Topics.deliveries], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 16,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.disconnect();
    this.flushCommits();
  }

  private onAssignment(assignment: Record<string, number[]>): void {
    this.tracker.retain(Topics.deliveries, assignment[Topics.deliveries] ?? []);
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    await this.waitForCapacity(payload);
    const offsets = this.tracker.track(batch.topic, batch.partition, batch.messages.map((message) => message.offset));
    const done = (message: KafkaMessage) => this.complete(offsets, batch.topic, batch.partition, message.offset);

    const fetched: Fetched[] = [];
    for (const message of batch.messages) {
      const decoded = decodeMessage(DeliveryMessage, batch.topic, batch.partition, message);
      if (decoded.ok) fetched.push({ message, delivery: decoded.value });
      else {
        this.logger.error(`unreadable delivery at ${batch.topic}/${batch.partition}@${message.offset}: ${decoded.invalid.reason}`);
        this.metrics.skipped.inc({ reason: 'unreadable' });
        done(message);
      }
    }
    const sendable = await this.withoutFinished(fetched, done);
    const subscriptions = await this.directory.resolve(
      sendable.map(({ delivery }) => ({ id: delivery.subscriptionId, minRevision: delivery.subscriptionRevision })),
    );
    const toHold: Fetched[] = [];
    for (const item of sendable) {
      const subscription = subscriptions.get(item.delivery.subscriptionId);
      if (subscription === undefined || subscription.kind === 'deleted') {
        this.metrics.skipped.inc({ reason: 'cancelled' });
        done(item.message);
      } else if (subscription.kind === 'paused') {
        toHold.push(item);
      } else {
        const size = item.message.value?.length ?? 0;
        this.reserve(size);
        const concurrency = subscription.state.ordering === 'ordered' ? 1 : subscription.state.maxInFlight;
        const traceparent = headerText(item.message.headers, 'traceparent');
        this.lanes.enqueue(item.delivery.subscriptionId, concurrency, async () => {
          const { durable } = await this.deliver.execute(item.delivery, subscription.state, subscription.target, traceparent);
          void durable.then(() => {
            this.release(size);
            done(item.message);
          });
        });
      }
    }
    if (toHold.length > 0) {
      await this.hold(toHold.map((item) => item.delivery.deliveryId));
      for (const item of toHold) done(item.message);
      this.metrics.skipped.inc({ reason: 'held' }, toHold.length);
    }
    payload.resolveOffset(batch.lastOffset());
    await payload.heartbeat();
  }

  /** Drops messages whose attempt already happened or whose delivery is finished, cancelled or held. */
  private async withoutFinished(fetched: Fetched[], done: (message: KafkaMessage) => void): Promise<Fetched[]> {
    if (fetched.length === 0) return [];
    const rows = await this.dataSource.query<{ id: string; status: string; attempt_count: number }[]>(
      `SELECT id, status, attempt_count FROM deliveries WHERE id = ANY($1)`,
      [fetched.map(({ delivery }) => delivery.deliveryId)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return fetched.filter((item) => {
      const row = byId.get(item.delivery.deliveryId);
      const open = row !== undefined && (row.status === 'pending' || row.status === 'retrying') && row.attempt_count < item.delivery.attempt;
      if (!open) {
        this.metrics.skipped.inc({ reason: row === undefined ? 'unknown' : 'finished' });
        done(item.message);
      }
      return open;
    });
  }

  private async hold(deliveryIds: string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'held', next_attempt_at = NULL, updated_at = now() WHERE id = ANY($1) AND status IN ('pending', 'retrying')`,
      [deliveryIds],
    );
  }

  private complete(offsets: PartitionOffsets, topic: string, partition: number, offset: string): void {
    const next = offsets.complete(offset);
    if (next === null || !this.tracker.isCurrent(topic, partition, offsets)) return;
    this.toCommit.set(`${topic}:${partition}`, { topic, partition, offset: next });
    this.commitTimer ??= setTimeout(() => this.flushCommits(), COMMIT_INTERVAL_MS);
  }

  private flushCommits(): void {
    if (this.commitTimer !== undefined) clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    const commits = [...this.toCommit.values()];
    this.toCommit.clear();
    if (commits.length === 0) return;
    // A commit for a partition lost in a rebalance fails; the new owner replays from the last good one.
    this.consumer.commitOffsets(commits).catch((error: unknown) => this.logger.warn(`offset commit failed: ${String(error)}`));
  }

  private reserve(bytes: number): void {
    this.buffered += 1;
    this.bufferedBytes += bytes;
  }

  private release(bytes: number): void {
    this.buffered -= 1;
    this.bufferedBytes -= bytes;
    if (!this.full()) {
      const waiters = this.capacityWaiters;
      this.capacityWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  private full(): boolean {
    return this.buffered >= MAX_BUFFERED_DELIVERIES || this.bufferedBytes >= MAX_BUFFERED_BYTES;
  }

  private async waitForCapacity(payload: EachBatchPayload): Promise<void> {
    while (this.full() && payload.isRunning()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        this.capacityWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      await payload.heartbeat();
    }
  }
}
