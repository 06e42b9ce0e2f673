import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { deliveryDestinations, type DispatcherConfig } from '@hookline/config';
import { USER_AGENT } from '@hookline/contracts';
import { DeliveryHttpClient } from '@hookline/delivery-http';
import { SecretBox } from '@hookline/encryption';
import { SERVICE_METRICS, type ServiceMetrics } from '@hookline/observability';
import { serviceRuntimeImports } from '@hookline/service-runtime';
import { BatchMembers } from './batching/batch-members';
import { DeliveryConsumer } from './consume/delivery.consumer';
import { DeliverWebhookUseCase } from './deliver/deliver-webhook.usecase';
import { DispatcherMetrics } from './outcomes/dispatcher-metrics';
import { OutcomeRecorder } from './outcomes/outcome-recorder';
import { DeliveryQueue } from './queue/delivery-queue';
import { SubscriptionDirectory } from './subscriptions/subscription-directory';

@Module({})
export class DispatcherModule implements OnApplicationShutdown {
  constructor(@Inject(DeliveryHttpClient) private readonly http: DeliveryHttpClient) {}

  static register(config: DispatcherConfig, metrics: ServiceMetrics): DynamicModule {
    return {
      module: DispatcherModule,
      imports: serviceRuntimeImports('dispatcher', config, metrics),
      providers: [
        { provide: SecretBox, useValue: new SecretBox(config.HOOKLINE_ENCRYPTION_KEY) },
        {
          provide: DeliveryHttpClient,
          useFactory: () =>
            new DeliveryHttpClient({
              ...deliveryDestinations(config),
              userAgent: USER_AGENT,
            }),
        },
        { provide: DispatcherMetrics, useFactory: (registry: ServiceMetrics) => new DispatcherMetrics(registry), inject: [SERVICE_METRICS] },
        SubscriptionDirectory,
        DeliveryQueue,
        BatchMembers,
        OutcomeRecorder,
        DeliverWebhookUseCase,
        DeliveryConsumer,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.http.close();
  }
}
