import { Module, type DynamicModule } from '@nestjs/common';
import type { RegistryConfig } from '@hookline/config';
import type { ServiceMetrics } from '@hookline/observability';
import { serviceRuntimeImports } from '@hookline/service-runtime';

@Module({})
export class RegistryModule {
  static register(config: RegistryConfig, metrics: ServiceMetrics): DynamicModule {
    return { module: RegistryModule, imports: serviceRuntimeImports('registry', config, metrics) };
  }
}
