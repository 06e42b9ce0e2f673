import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { AttemptMessage, Topics } from '@hookline/contracts';
import { BatchConsumer, ConsumerLag, KAFKA, type ConsumedMessage, type InvalidMessage } from '@hookline/messaging';
import { NotifierMetrics } from '../notifier-metrics';
import { RecordAttemptsUseCase } from './record-attempts.usecase';

export const NOTIFIER_GROUP = 'hookline-status-notifier';

/**
 * Reads `hookline.attempts.v1` in batches and folds each partition's batch into endpoint health;
 * offsets are committed only after the health changes committed, so nothing is counted twice or lost.
 */
@Injectable()
export class AttemptsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AttemptsConsumer.name);
  private readonly consumer: BatchConsumer<typeof AttemptMessage>;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(RecordAttemptsUseCase) private readonly recordAttempts: RecordAttemptsUseCase,
    @Inject(NotifierMetrics) private readonly metrics: NotifierMetrics,
    @Inject(ConsumerLag) lag: ConsumerLag,
  ) {
    this.consumer = new BatchConsumer(kafka, {
      groupId: NOTIFIER_GROUP,
      topics: [Topics.attempts],
      schema: AttemptMessage,
      handle: (messages) => this.handle(messages),
      reject: (invalid) => this.skip(invalid),
      // Health may lag delivery by half a second; in exchange the notifier reads in large batches.
      maxWaitTimeInMs: 500,
      minBytes: 256 * 1024,
      lag,
    });
  }

  private async handle(messages: ConsumedMessage<AttemptMessage>[]): Promise<void> {
    const changes = await this.recordAttempts.execute(messages.map((message) => message.value));
    const failed = messages.filter((message) => !message.value.ok).length;
    if (failed > 0) this.metrics.attempts.inc({ outcome: 'failed' }, failed);
    if (messages.length > failed) this.metrics.attempts.inc({ outcome: 'succeeded' }, messages.length - failed);
    for (const trip of changes.disabled) {
      this.metrics.autoDisabled.inc({ reason: trip.reason });
    }
    if (changes.recovered.length > 0) this.metrics.recovered.inc(changes.recovered.length);
  }

  // Attempts are written by the dispatcher only; one that does not parse is a bug, logged, not a reason to stall health.
  private async skip(invalid: InvalidMessage[]): Promise<void> {
    for (const entry of invalid) this.logger.error(`unreadable attempt at ${entry.topic}/${entry.partition}@${entry.message.offset}: ${entry.reason}`);
  }

  // Not awaited: the group joins in the background so the HTTP probes answer meanwhile.
  onApplicationBootstrap(): void {
    this.consumer.start().catch((error: unknown) => this.logger.error(`attempts consumer stopped: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
