import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { deliveryDestinations, type RegistryConfig } from '@hookline/config';
import { USER_AGENT } from '@hookline/contracts';
import { DeliveryHttpClient } from '@hookline/delivery-http';
import { SecretBox } from '@hookline/encryption';
import type { ServiceMetrics } from '@hookline/observability';
import { authFailureLimits, HttpApiModule, Outbox, OutboxRelay, serviceRuntimeImports } from '@hookline/service-runtime';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysGrpcController } from './api-keys/api-keys.grpc-controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DeliveriesGrpcController } from './deliveries/deliveries.grpc-controller';
import { DeliveryLogService } from './deliveries/delivery-log.service';
import { DeliveryQueue } from './deliveries/delivery-queue';
import { RetryDeliveryUseCase } from './deliveries/retry-delivery.usecase';
import { RegistryMetrics } from './registry-metrics';
import { EventTypesController } from './event-types/event-types.controller';
import { EventTypesGrpcController } from './event-types/event-types.grpc-controller';
import { EventTypesService } from './event-types/event-types.service';
import { DESTINATION_POLICY, type DestinationPolicy } from './subscriptions/destination-policy';
import { ReplayDeliveriesUseCase } from './subscriptions/replay-deliveries.usecase';
import { SendTestWebhookUseCase } from './subscriptions/send-test-webhook.usecase';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsGrpcController } from './subscriptions/subscriptions.grpc-controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';
import { CurrentTenantController } from './tenants/current-tenant.controller';
import { TenantsController } from './tenants/tenants.controller';
import { TenantsGrpcController } from './tenants/tenants.grpc-controller';
import { TenantsService } from './tenants/tenants.service';

@Module({})
export class RegistryModule implements OnApplicationShutdown {
  constructor(@Inject(DeliveryHttpClient) private readonly http: DeliveryHttpClient) {}

  static register(config: RegistryConfig, metrics: ServiceMetrics): DynamicModule {
    const destinations: DestinationPolicy = {
      allowInsecureUrls: config.HOOKLINE_ALLOW_INSECURE_URLS,
      allowPrivateNetworks: config.HOOKLINE_ALLOW_PRIVATE_NETWORKS,
    };
    return {
      module: RegistryModule,
      imports: [
        ...serviceRuntimeImports('registry', config, metrics),
        HttpApiModule.forRoot({ adminToken: config.HOOKLINE_ADMIN_TOKEN, failureLimits: authFailureLimits(config) }),
      ],
      controllers: [
        TenantsController,
        CurrentTenantController,
        ApiKeysController,
        EventTypesController,
        SubscriptionsController,
        DeliveriesController,
        // The same operations over gRPC (the transport is connected in bootstrap.ts).
        TenantsGrpcController,
        ApiKeysGrpcController,
        EventTypesGrpcController,
        SubscriptionsGrpcController,
        DeliveriesGrpcController,
      ],
      providers: [
        { provide: SecretBox, useValue: new SecretBox(config.HOOKLINE_ENCRYPTION_KEY) },
        { provide: DESTINATION_POLICY, useValue: destinations },
        { provide: RegistryMetrics, useValue: new RegistryMetrics(metrics) },
        {
          provide: DeliveryHttpClient,
          useFactory: () =>
            new DeliveryHttpClient({
              ...deliveryDestinations(config),
              userAgent: USER_AGENT,
              connectionsPerOrigin: 4,
            }),
        },
        Outbox,
        OutboxRelay,
        TenantsService,
        ApiKeysService,
        EventTypesService,
        SubscriptionsService,
        DeliveryLogService,
        DeliveryQueue,
        ReplayDeliveriesUseCase,
        RetryDeliveryUseCase,
        SendTestWebhookUseCase,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.http.close();
  }
}
