import { Module, type DynamicModule } from '@nestjs/common';
import type { RetrySchedulerConfig } from '@hookline/config';
import type { ServiceMetrics } from '@hookline/observability';
import { serviceRuntimeImports } from '@hookline/service-runtime';

@Module({})
export class RetrySchedulerModule {
  static register(config: RetrySchedulerConfig, metrics: ServiceMetrics): DynamicModule {
    return { module: RetrySchedulerModule, imports: serviceRuntimeImports('retry-scheduler', config, metrics) };
  }
}
