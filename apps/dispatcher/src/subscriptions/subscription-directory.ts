import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import { DataSource, In } from 'typeorm';
import { SubscriptionStateMessage, Topics } from '@hookline/contracts';
import { toDeliveryTarget, type ResolvedTarget } from '@hookline/delivery-http';
import { SecretBox } from '@hookline/encryption';
import { decodeMessage, KAFKA } from '@hookline/messaging';
import { SubscriptionEntity, toSubscriptionState } from '@hookline/persistence';

export type Subscription =
  | { kind: 'active'; state: SubscriptionStateMessage; target: ResolvedTarget['target'] }
  | { kind: 'paused'; state: SubscriptionStateMessage }
  | { kind: 'deleted' };

interface Entry {
  state: SubscriptionStateMessage | null;
  target?: ResolvedTarget;
}

/**
 * Every subscription's current state, read by each dispatcher from the compacted
 * `hookline.subscriptions.v1` topic (its own consumer group, from the beginning, never committing).
 * A delivery planned against a newer revision than the topic has shown so far — or for a subscription
 * not seen yet — is resolved from Postgres, so a change is never acted on late.
 */
@Injectable()
export class SubscriptionDirectory implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SubscriptionDirectory.name);
  private readonly entries = new Map<string, Entry>();
  private readonly consumer: Consumer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SecretBox) private readonly secrets: SecretBox,
  ) {
    this.consumer = kafka.consumer({
      groupId: `hookline-dispatcher-directory-${randomUUID()}`,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 100,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10000 },
    });
  }

  onApplicationBootstrap(): void {
    this.start().catch((error: unknown) => this.logger.error(`subscription directory stopped: ${String(error)}`));
  }

  private async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [Topics.subscriptions], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const id = message.key?.toString();
          if (id === undefined) continue;
          if (message.value === null || message.value.length === 0) {
            this.entries.set(id, { state: null });
            continue;
          }
          const decoded = decodeMessage(SubscriptionStateMessage, batch.topic, batch.partition, message);
          if (!decoded.ok) {
            this.logger.error(`unreadable subscription state at ${batch.topic}/${batch.partition}@${message.offset}: ${decoded.invalid.reason}`);
            continue;
          }
          this.accept(decoded.value);
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.disconnect();
  }

  private accept(state: SubscriptionStateMessage): void {
    const current = this.entries.get(state.id);
    if (current?.state === null) return;
    if (current?.state !== undefined && current.state.revision >= state.revision) return;
    this.entries.set(state.id, { state });
  }

  /** The latest state seen of a subscription, without any lookup (undefined when unknown or deleted). */
  known(id: string): SubscriptionStateMessage | undefined {
    return this.entries.get(id)?.state ?? undefined;
  }

  /** The subscriptions of a batch of deliveries, each at least at the revision its delivery was planned with. */
  async resolve(requests: readonly { id: string; minRevision: number }[], now: number = Date.now()): Promise<Map<string, Subscription>> {
    const minimum = new Map<string, number>();
    for (const { id, minRevision } of requests) minimum.set(id, Math.max(minimum.get(id) ?? 0, minRevision));
    const stale = [...minimum].filter(([id, revision]) => {
      const entry = this.entries.get(id);
      return entry === undefined || (entry.state !== null && entry.state.revision < revision);
    });
    if (stale.length > 0) await this.load(stale.map(([id]) => id));
    const resolved = new Map<string, Subscription>();
    for (const id of minimum.keys()) resolved.set(id, this.subscription(id, now));
    return resolved;
  }

  private subscription(id: string, now: number): Subscription {
    const entry = this.entries.get(id);
    if (entry === undefined || entry.state === null) return { kind: 'deleted' };
    if (entry.state.status !== 'enabled') return { kind: 'paused', state: entry.state };
    if (entry.target === undefined || entry.target.validUntil <= now) entry.target = toDeliveryTarget(entry.state, this.secrets, now);
    return { kind: 'active', state: entry.state, target: entry.target.target };
  }

  private async load(ids: string[]): Promise<void> {
    const rows = await this.dataSource.manager.find(SubscriptionEntity, { where: { id: In(ids) }, withDeleted: true });
    const found = new Set<string>();
    for (const row of rows) {
      found.add(row.id);
      if (row.deletedAt !== null) this.entries.set(row.id, { state: null });
      else this.accept(toSubscriptionState(row));
    }
    for (const id of ids) if (!found.has(id)) this.entries.set(id, { state: null });
  }
}
