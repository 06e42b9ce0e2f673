import { Module, type DynamicModule } from '@nestjs/common';
import type { IngestConfig } from '@hookline/config';
import type { ServiceMetrics } from '@hookline/observability';
import { serviceRuntimeImports } from '@hookline/service-runtime';
import { EventIntakeConsumer } from './intake/event-intake.consumer';
import { PersistEventsUseCase } from './intake/persist-events.usecase';

@Module({})
export class IngestModule {
  static register(config: IngestConfig, metrics: ServiceMetrics): DynamicModule {
    return {
      module: IngestModule,
      imports: serviceRuntimeImports('ingest', config, metrics),
      providers: [PersistEventsUseCase, EventIntakeConsumer],
    };
  }
}
