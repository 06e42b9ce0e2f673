import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { createKafka, type KafkaOptions } from './kafka';
import { KafkaReadiness } from './kafka-readiness';
import { MessageProducer } from './producer';

export const KAFKA = Symbol('KAFKA');

/** One Kafka client per service, its idempotent producer and its readiness check. */
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(
    @Inject(MessageProducer) private readonly producer: MessageProducer,
    @Inject(KafkaReadiness) private readonly readiness: KafkaReadiness,
  ) {}

  static forRoot(options: KafkaOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: KAFKA, useFactory: () => createKafka(options) },
        { provide: MessageProducer, useFactory: (kafka: Kafka) => new MessageProducer(kafka), inject: [KAFKA] },
        { provide: KafkaReadiness, useFactory: (kafka: Kafka) => new KafkaReadiness(kafka), inject: [KAFKA] },
      ],
      exports: [KAFKA, MessageProducer, KafkaReadiness],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.producer.disconnect(), this.readiness.close()]);
  }
}
