import { Logger } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { Gauge, type Registry } from 'prom-client';
import { METRIC_PREFIX, withTimeout } from '@hookline/observability';

export interface PartitionEnds {
  partition: number;
  /** Offset of the next message to be written, as a decimal string. */
  high: string;
  /** Offset of the oldest message still kept. */
  low: string;
}

export interface CommittedOffset {
  partition: number;
  /** `-1` when the group has committed nothing for the partition. */
  offset: string;
}

/**
 * Messages a group has still to read from a topic, summed over partitions. A partition without a
 * commit counts from its oldest kept message; an offset past the end (a topic recreated) counts 0.
 */
export function topicLag(ends: readonly PartitionEnds[], committed: readonly CommittedOffset[]): number {
  const byPartition = new Map(committed.map((entry) => [entry.partition, Number(entry.offset)]));
  let lag = 0;
  for (const end of ends) {
    const offset = byPartition.get(end.partition) ?? -1;
    const from = offset < 0 ? Number(end.low) : offset;
    lag += Math.max(0, Number(end.high) - from);
  }
  return lag;
}

/**
 * `hookline_kafka_consumer_lag{group, topic}`: how far each consumer group this process runs is
 * behind, read from the broker when Prometheus scrapes. Every replica reports its group's lag, so
 * dashboards take `max by (group, topic)`. A scrape that cannot reach the broker keeps the last values.
 */
export class ConsumerLag {
  private readonly logger = new Logger(ConsumerLag.name);
  private readonly groups = new Map<string, readonly string[]>();
  private readonly gauge: Gauge<'group' | 'topic'>;
  private admin: Admin | undefined;

  constructor(
    private readonly kafka: Kafka,
    registry: Registry,
    private readonly timeoutMs = 2000,
  ) {
    this.gauge = new Gauge({
      name: `${METRIC_PREFIX}kafka_consumer_lag`,
      help: 'Messages a consumer group has yet to read, by group and topic (summed over partitions)',
      labelNames: ['group', 'topic'],
      registers: [registry],
      collect: () => this.refresh(),
    });
  }

  /** Reports `group`'s lag on `topics` from now on. */
  track(group: string, topics: readonly string[]): void {
    this.groups.set(group, topics);
  }

  async close(): Promise<void> {
    await this.reset();
  }

  private async refresh(): Promise<void> {
    for (const [group, topics] of this.groups) {
      try {
        const lags = await withTimeout(this.read(group, topics), this.timeoutMs, `no answer from Kafka within ${this.timeoutMs} ms`);
        for (const [topic, value] of lags) this.gauge.set({ group, topic }, value);
      } catch (error) {
        this.logger.warn(`consumer lag of ${group} not read: ${error instanceof Error ? error.message : String(error)}`);
        await this.reset();
      }
    }
  }

  private async read(group: string, topics: readonly string[]): Promise<Map<string, number>> {
    this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
    await this.admin.connect();
    const committed = await this.admin.fetchOffsets({ groupId: group, topics: [...topics] });
    const result = new Map<string, number>();
    for (const { topic, partitions } of committed) {
      result.set(topic, topicLag(await this.admin.fetchTopicOffsets(topic), partitions));
    }
    return result;
  }

  private async reset(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
