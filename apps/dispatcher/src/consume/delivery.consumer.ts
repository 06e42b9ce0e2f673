import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { DeliveryTopicMessage, newId, Topics, type BatchDeliveryMessage, type DeliveryMessage } from '@hookline/contracts';
import { ConsumerLag, decodeMessage, headerText, KAFKA } from '@hookline/messaging';
import { BatchCollector } from '../batching/batch-collector';
import { BatchMembers } from '../batching/batch-members';
import { DeliverWebhookUseCase } from '../deliver/deliver-webhook.usecase';
import type { DeliveryUnit } from '@hookline/delivery-http';
import { DispatcherMetrics } from '../outcomes/dispatcher-metrics';
import { DeliveryQueue } from '../queue/delivery-queue';
import { RateLimiter } from '../rate-limit/rate-window';
import { SubscriptionDirectory } from '../subscriptions/subscription-directory';
import { OffsetTracker, type PartitionOffsets } from './offset-tracker';
import { SubscriptionLanes } from './subscription-lanes';

export const DISPATCHER_GROUP = 'hookline-dispatcher';

// Work held in memory at once; past either bound, fetching pauses until deliveries finish.
const MAX_BUFFERED_DELIVERIES = 20_000;
const MAX_BUFFERED_BYTES = 128 * 1024 * 1024;
const COMMIT_INTERVAL_MS = 100;
// On shutdown, how long requests already on the wire may take to finish and have their outcomes committed.
const DRAIN_MS = 10_000;

/** One fetched message on its way through the dispatcher, with what finishing it takes. */
interface Entry {
  message: KafkaMessage;
  value: DeliveryTopicMessage;
  size: number;
  traceparent: string | undefined;
  isCurrent(): boolean;
  done(): void;
}

/** What one request sends: a delivery (simple mode), a new batch, or a failed batch again. */
type Work =
  | { kind: 'single'; entry: Entry; delivery: DeliveryMessage }
  | { kind: 'batch'; entries: { entry: Entry; delivery: DeliveryMessage }[] }
  | { kind: 'batch-retry'; entry: Entry; message: BatchDeliveryMessage };

const RETRY_WORK_MS = 1000;

/**
 * Consumes `hookline.deliveries.v1` in batches and spreads each batch over per-subscription lanes, so
 * many endpoints are in flight at once and a slow one stalls nobody else. In a lane, each request first
 * passes its subscription's rules — still active, strict queue order when ordered, the rate cap — and
 * batch-mode deliveries are grouped into batches. A message's offset counts as done once its outcome is
 * durable (or it needs no attempt); commits advance over done offsets only.
 */
@Injectable()
export class DeliveryConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryConsumer.name);
  private readonly consumer: Consumer;
  private readonly tracker = new OffsetTracker();
  private readonly lanes = new SubscriptionLanes();
  private readonly limiter = new RateLimiter();
  private readonly collector: BatchCollector<{ entry: Entry; delivery: DeliveryMessage }>;
  private readonly toCommit = new Map<string, { topic: string; partition: number; offset: string }>();
  private commitTimer: NodeJS.Timeout | undefined;
  private buffered = 0;
  private bufferedBytes = 0;
  private capacityWaiters: (() => void)[] = [];
  /** Set on shutdown: no new request starts, so nothing is sent once the group hands the partitions on. */
  private stopping = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SubscriptionDirectory) private readonly directory: SubscriptionDirectory,
    @Inject(DeliverWebhookUseCase) private readonly deliver: DeliverWebhookUseCase,
    @Inject(DeliveryQueue) private readonly queue: DeliveryQueue,
    @Inject(BatchMembers) private readonly batchMembers: BatchMembers,
    @Inject(DispatcherMetrics) private readonly metrics: DispatcherMetrics,
    @Inject(ConsumerLag) lag: ConsumerLag,
  ) {
    lag.track(DISPATCHER_GROUP, [Topics.deliveries]);
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
    this.collector = new BatchCollector((subscriptionId, entries) => {
      const first = entries[0]!;
      this.schedule(subscriptionId, first.delivery.subscriptionRevision, { kind: 'batch', entries });
    });
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

  /**
   * Leaves the group only after the requests on the wire have finished and their offsets are committed:
   * the next owner starts sending as soon as the partitions move, and a request this process still made
   * afterwards could break the endpoint's rate cap or strict order.
   */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.collector.clear();
    const drained = Promise.allSettled([...this.inFlight]);
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
    await this.flushCommits();
    await this.consumer.disconnect();
  }

  private stillOurs(entries: Entry[]): boolean {
    return !this.stopping && entries.some((entry) => entry.isCurrent());
  }

  /** Keeps `work` in the set a shutdown waits for until it settles. */
  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const forget = () => this.inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  private onAssignment(assignment: Record<string, number[]>): void {
    this.tracker.retain(Topics.deliveries, assignment[Topics.deliveries] ?? []);
    this.limiter.rebalanced();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    await this.waitForCapacity(payload);
    const offsets = this.tracker.track(batch.topic, batch.partition, batch.messages.map((message) => message.offset));
    const entries: Entry[] = [];
    for (const message of batch.messages) {
      const decoded = decodeMessage(DeliveryTopicMessage, batch.topic, batch.partition, message);
      const done = () => this.complete(offsets, batch.topic, batch.partition, message.offset);
      if (!decoded.ok) {
        this.logger.error(`unreadable delivery at ${batch.topic}/${batch.partition}@${message.offset}: ${decoded.invalid.reason}`);
        this.metrics.skipped.inc({ reason: 'unreadable' });
        done();
        continue;
      }
      entries.push({
        message,
        value: decoded.value,
        size: message.value?.length ?? 0,
        traceparent: headerText(message.headers, 'traceparent'),
        isCurrent: () => this.tracker.isCurrent(batch.topic, batch.partition, offsets),
        done,
      });
    }
    const sendable = await this.withoutFinished(entries);
    const subscriptions = await this.directory.resolve(
      sendable.map(({ value }) => ({ id: value.subscriptionId, minRevision: value.subscriptionRevision })),
    );
    const toHold: Entry[] = [];
    for (const entry of sendable) {
      const { value } = entry;
      const subscription = subscriptions.get(value.subscriptionId);
      if (subscription === undefined || subscription.kind === 'deleted') {
        this.metrics.skipped.inc({ reason: 'cancelled' });
        entry.done();
      } else if (subscription.kind === 'paused') {
        toHold.push(entry);
      } else {
        this.reserve(entry.size);
        if ('kind' in value) this.schedule(value.subscriptionId, value.subscriptionRevision, { kind: 'batch-retry', entry, message: value });
        else if (subscription.state.policy.mode === 'batch') this.collector.add(value.subscriptionId, { entry, delivery: value }, entry.size, subscription.state.policy);
        else this.schedule(value.subscriptionId, value.subscriptionRevision, { kind: 'single', entry, delivery: value });
      }
    }
    if (toHold.length > 0) {
      const { held } = await this.queue.holdOrQueue(toHold.flatMap((entry) => memberIds(entry.value)));
      for (const entry of toHold) entry.done();
      this.metrics.skipped.inc({ reason: 'held' }, held);
    }
    payload.resolveOffset(batch.lastOffset());
    await payload.heartbeat();
  }

  /** Drops single deliveries whose attempt already happened or that are finished, cancelled or held. */
  private async withoutFinished(entries: Entry[]): Promise<Entry[]> {
    const singles = entries.flatMap((entry) => ('kind' in entry.value ? [] : [entry.value.deliveryId]));
    if (singles.length === 0) return entries;
    const rows = await this.dataSource.query<{ id: string; status: string; attempt_count: number }[]>(
      `SELECT id, status, attempt_count FROM deliveries WHERE id = ANY($1)`,
      [singles],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return entries.filter((entry) => {
      if ('kind' in entry.value) return true;
      const row = byId.get(entry.value.deliveryId);
      const open = row !== undefined && (row.status === 'pending' || row.status === 'retrying') && row.attempt_count < entry.value.attempt;
      if (!open) {
        this.metrics.skipped.inc({ reason: row === undefined ? 'unknown' : 'finished' });
        entry.done();
      }
      return open;
    });
  }

  private schedule(subscriptionId: string, minRevision: number, work: Work): void {
    // The lane's width comes from the state at fetch time; `perform` re-reads the state when it runs.
    const state = this.directory.known(subscriptionId);
    const concurrency = state === undefined || state.ordering === 'ordered' ? 1 : state.maxInFlight;
    this.lanes.enqueue(subscriptionId, concurrency, () => this.performUntilDone(subscriptionId, minRevision, work));
  }

  /** Runs one request's work; a Postgres hiccup on the way is retried while the partition is still ours. */
  private async performUntilDone(subscriptionId: string, minRevision: number, work: Work): Promise<void> {
    const entries = work.kind === 'batch' ? work.entries.map((member) => member.entry) : [work.entry];
    for (let failures = 0; ; failures++) {
      if (!this.stillOurs(entries)) {
        // The partition moved to another dispatcher (or this one stops), which replays these messages from the last commit.
        for (const entry of entries) this.release(entry.size);
        return;
      }
      try {
        const { durable, ordered, revoked } = await this.perform(subscriptionId, minRevision, work, () => this.stillOurs(entries));
        if (revoked) {
          for (const entry of entries) this.release(entry.size);
          return;
        }
        const finished = this.track(durable).then(() => {
          for (const entry of entries) {
            this.release(entry.size);
            entry.done();
          }
        });
        // The next delivery of an ordered subscription is admitted against the queue this outcome updates.
        if (ordered) await finished;
        return;
      } catch (error) {
        if (failures === 0 || failures % 30 === 0) this.logger.warn(`delivery work for ${subscriptionId} failed, retrying: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_WORK_MS));
      }
    }
  }

  /** Sends what the subscription's rules allow; `durable` resolves once the outcome is stored. */
  private async perform(
    subscriptionId: string,
    minRevision: number,
    work: Work,
    stillOurs: () => boolean,
  ): Promise<{ durable: Promise<void>; ordered: boolean; revoked: boolean }> {
    const nothing = { durable: Promise.resolve(), ordered: false, revoked: false };
    const subscription = (await this.directory.resolve([{ id: subscriptionId, minRevision }])).get(subscriptionId);
    let deliveries =
      work.kind === 'single'
        ? [work.delivery]
        : work.kind === 'batch'
          ? work.entries.map((member) => member.delivery)
          : await this.batchMembers.load(work.message);
    if (subscription === undefined || subscription.kind === 'deleted') return nothing;
    if (subscription.kind === 'paused') {
      await this.queue.holdOrQueue(deliveries.map((delivery) => delivery.deliveryId));
      return nothing;
    }
    const { state, target } = subscription;
    if (state.ordering === 'ordered' && deliveries.length > 0) {
      const { send } = await this.queue.admit(subscriptionId, deliveries);
      const byId = new Map(deliveries.map((delivery) => [delivery.deliveryId, delivery]));
      deliveries = send.map((id) => byId.get(id)!);
    }
    if (deliveries.length === 0) return nothing;
    if (state.rateLimitPerSecond !== null) {
      await this.limiter.acquire(subscriptionId, state.rateLimitPerSecond);
      // A rebalance while waiting for the cap moved the partition: the new owner sends instead.
      if (!stillOurs()) return { ...nothing, revoked: true };
    }
    const unit: DeliveryUnit =
      work.kind === 'single'
        ? { batchId: null, items: [deliveries[0]!] }
        : { batchId: work.kind === 'batch-retry' ? work.message.batchId : newId('bat'), items: deliveries };
    const traceparent = work.kind === 'batch' ? work.entries[0]?.entry.traceparent : work.entry.traceparent;
    const { durable } = await this.track(this.deliver.execute(unit, state, target, traceparent));
    return { durable, ordered: state.ordering === 'ordered', revoked: false };
  }

  private complete(offsets: PartitionOffsets, topic: string, partition: number, offset: string): void {
    const next = offsets.complete(offset);
    if (next === null || !this.tracker.isCurrent(topic, partition, offsets)) return;
    this.toCommit.set(`${topic}:${partition}`, { topic, partition, offset: next });
    this.commitTimer ??= setTimeout(() => void this.flushCommits(), COMMIT_INTERVAL_MS);
  }

  private async flushCommits(): Promise<void> {
    if (this.commitTimer !== undefined) clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    const commits = [...this.toCommit.values()];
    this.toCommit.clear();
    if (commits.length === 0) return;
    // A commit for a partition lost in a rebalance fails; the new owner replays from the last good one.
    await this.consumer.commitOffsets(commits).catch((error: unknown) => this.logger.warn(`offset commit failed: ${String(error)}`));
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

function memberIds(value: DeliveryTopicMessage): string[] {
  return 'kind' in value ? value.deliveryIds : [value.deliveryId];
}
