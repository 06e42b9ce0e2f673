import { Module, type DynamicModule } from '@nestjs/common';
import type { DispatcherConfig } from '@hookline/config';
import type { ServiceMetrics } from '@hookline/observability';
import { serviceRuntimeImports } from '@hookline/service-runtime';

@Module({})
export class DispatcherModule {
  static register(config: DispatcherConfig, metrics: ServiceMetrics): DynamicModule {
    return { module: DispatcherModule, imports: serviceRuntimeImports('dispatcher', config, metrics) };
  }
}
