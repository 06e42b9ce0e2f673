import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { EventMessage, Topics } from '@hookline/contracts';
import { BatchConsumer, KAFKA, MessageProducer, sendToDeadLetters } from '@hookline/messaging';
import { PersistEventsUseCase } from './persist-events.usecase';

export const INTAKE_GROUP = 'hookline-ingest';

/** Consumes `hookline.events.v1` in batches: invalid input to the DLQ, the rest persisted. */
@Injectable()
export class EventIntakeConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventIntakeConsumer.name);
  private readonly consumer: BatchConsumer<typeof EventMessage>;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(MessageProducer) producer: MessageProducer,
    @Inject(PersistEventsUseCase) persistEvents: PersistEventsUseCase,
  ) {
    this.consumer = new BatchConsumer(kafka, {
      groupId: INTAKE_GROUP,
      topics: [Topics.events],
      schema: EventMessage,
      handle: async (messages) => {
        await persistEvents.execute(messages);
      },
      reject: async (invalid) => {
        await sendToDeadLetters(producer, Topics.eventsDlq, invalid);
        this.logger.warn(`sent ${invalid.length} invalid event(s) to ${Topics.eventsDlq}: ${invalid[0]?.reason ?? ''}`);
      },
    });
  }

  // Not awaited: the consumer group joins in the background so the HTTP probes answer meanwhile.
  onApplicationBootstrap(): void {
    this.consumer.start().catch((error: unknown) => this.logger.error(`event intake stopped: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
