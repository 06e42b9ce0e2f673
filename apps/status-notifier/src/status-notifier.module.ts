import { Module, type DynamicModule } from '@nestjs/common';
import type { StatusNotifierConfig } from '@hookline/config';
import type { ServiceMetrics } from '@hookline/observability';
import { serviceRuntimeImports } from '@hookline/service-runtime';

@Module({})
export class StatusNotifierModule {
  static register(config: StatusNotifierConfig, metrics: ServiceMetrics): DynamicModule {
    return { module: StatusNotifierModule, imports: serviceRuntimeImports('status-notifier', config, metrics) };
  }
}
