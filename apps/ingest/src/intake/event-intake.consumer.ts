import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { EventHeaders, EventMessage, OPERATIONAL_ORIGIN, Topics } from '@hookline/contracts';
import { schemaErrorField } from '@hookline/event-schemas';
import { BatchConsumer, ConsumerLag, headerText, KAFKA, MessageProducer, sendToDeadLetters, type ConsumedMessage, type InvalidMessage } from '@hookline/messaging';
import { EventTypeCatalog } from '../catalog/event-type-catalog';
import { FanOutUseCase } from '../fan-out/fan-out.usecase';
import { IngestMetrics } from '../ingest-metrics';
import { planEventRows } from './event-rows';
import { PersistEventsUseCase } from './persist-events.usecase';

export const INTAKE_GROUP = 'hookline-ingest';

/**
 * Consumes `hookline.events.v1` in batches: input that fails its contract or the tenant's catalog goes
 * to the DLQ with the reason, the rest is stored once per idempotency key and fanned out. Offsets are
 * committed after all of it, so a crash anywhere redelivers the batch and the steps repeat idempotently.
 */
@Injectable()
export class EventIntakeConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventIntakeConsumer.name);
  private readonly consumer: BatchConsumer<typeof EventMessage>;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(MessageProducer) private readonly producer: MessageProducer,
    @Inject(EventTypeCatalog) private readonly catalog: EventTypeCatalog,
    @Inject(PersistEventsUseCase) private readonly persistEvents: PersistEventsUseCase,
    @Inject(FanOutUseCase) private readonly fanOut: FanOutUseCase,
    @Inject(IngestMetrics) private readonly metrics: IngestMetrics,
    @Inject(ConsumerLag) lag: ConsumerLag,
  ) {
    this.consumer = new BatchConsumer(kafka, {
      groupId: INTAKE_GROUP,
      topics: [Topics.events],
      schema: EventMessage,
      handle: (messages) => this.handle(messages),
      reject: (invalid) => this.deadLetter(invalid),
      lag,
    });
  }

  private async handle(messages: ConsumedMessage<EventMessage>[]): Promise<void> {
    const verdicts = await this.catalog.check(
      messages.map(({ value, raw }) => ({ ...value, operational: headerText(raw.headers, EventHeaders.origin) === OPERATIONAL_ORIGIN })),
    );
    const accepted: ConsumedMessage<EventMessage>[] = [];
    const rejected: InvalidMessage[] = [];
    messages.forEach((message, index) => {
      const verdict = verdicts[index];
      if (verdict === undefined) return;
      const invalid = (reason: string, errors: InvalidMessage['errors']) =>
        rejected.push({ topic: message.topic, partition: message.partition, message: message.raw, reason, errors });
      if (!verdict.ok) return invalid(verdict.reason, [{ path: 'type', message: verdict.message }]);
      const schemaErrors = verdict.validate(message.value.data);
      if (schemaErrors.length > 0) {
        return invalid('data_schema_violation', schemaErrors.map((error) => ({ path: schemaErrorField(error), message: error.message })));
      }
      accepted.push(message);
    });
    if (rejected.length > 0) await this.deadLetter(rejected);
    const ours = await this.persistEvents.execute(planEventRows(accepted, new Date()));
    this.metrics.eventsIngested(ours.map((row) => row.type));
    this.metrics.duplicates.inc(accepted.length - ours.length);
    await this.fanOut.execute(ours);
  }

  private async deadLetter(invalid: InvalidMessage[]): Promise<void> {
    await sendToDeadLetters(this.producer, Topics.eventsDlq, invalid);
    for (const message of invalid) this.metrics.eventsRejected('kafka', message.reason);
    this.logger.warn(`sent ${invalid.length} event(s) to ${Topics.eventsDlq}: ${invalid[0]?.reason ?? ''}`);
  }

  // Not awaited: the consumer group joins in the background so the HTTP probes answer meanwhile.
  onApplicationBootstrap(): void {
    this.consumer.start().catch((error: unknown) => this.logger.error(`event intake stopped: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
