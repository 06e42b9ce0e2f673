import { Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import { HealthController, READINESS_CHECKS, SERVICE_METRICS } from './health.controller';
import type { ServiceMetrics } from './metrics';
import type { ReadinessCheck } from './readiness';

export interface ObservabilityModuleOptions {
  metrics: ServiceMetrics;
  /** Builds the readiness checks from the app's own providers (its Kafka client, its DataSource). */
  readiness: Omit<FactoryProvider<ReadinessCheck[]>, 'provide'>;
}

/** `/healthz`, `/readyz` and `/metrics` for a service. */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityModuleOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_METRICS, useValue: options.metrics },
        { provide: READINESS_CHECKS, ...options.readiness },
      ],
      exports: [SERVICE_METRICS],
    };
  }
}
