import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { SERVICE_METRICS, type ServiceMetrics } from '@hookline/observability';
import { ConsumerLag } from './consumer-lag';
import { createKafka, type KafkaOptions } from './kafka';
import { KafkaReadiness } from './kafka-readiness';
import { MessageProducer } from './producer';

export const KAFKA = Symbol('KAFKA');

/** One Kafka client per service, its idempotent producer, its readiness check and its consumer lag gauge. */
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(
    @Inject(MessageProducer) private readonly producer: MessageProducer,
    @Inject(KafkaReadiness) private readonly readiness: KafkaReadiness,
    @Inject(ConsumerLag) private readonly lag: ConsumerLag,
  ) {}

  static forRoot(options: KafkaOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: KAFKA, useFactory: () => createKafka(options) },
        { provide: MessageProducer, useFactory: (kafka: Kafka) => new MessageProducer(kafka), inject: [KAFKA] },
        { provide: KafkaReadiness, useFactory: (kafka: Kafka) => new KafkaReadiness(kafka), inject: [KAFKA] },
        {
          provide: ConsumerLag,
          useFactory: (kafka: Kafka, metrics: ServiceMetrics) => new ConsumerLag(kafka, metrics.registry),
          inject: [KAFKA, SERVICE_METRICS],
        },
      ],
      exports: [KAFKA, MessageProducer, KafkaReadiness, ConsumerLag],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.producer.disconnect(), this.readiness.close(), this.lag.close()]);
  }
}
