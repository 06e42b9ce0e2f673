import { Module, type DynamicModule } from '@nestjs/common';
import type { IngestConfig } from '@hookline/config';
import type { ServiceMetrics } from '@hookline/observability';
import { HttpApiModule, serviceRuntimeImports } from '@hookline/service-runtime';
import { EventTypeCatalog } from './catalog/event-type-catalog';
import { AcceptEventsUseCase } from './events-api/accept-events.usecase';
import { EventsController } from './events-api/events.controller';
import { INGEST_LIMITS } from './events-api/ingest-limits';
import { FanOutUseCase } from './fan-out/fan-out.usecase';
import { EventIntakeConsumer } from './intake/event-intake.consumer';
import { PersistEventsUseCase } from './intake/persist-events.usecase';

@Module({})
export class IngestModule {
  static register(config: IngestConfig, metrics: ServiceMetrics): DynamicModule {
    return {
      module: IngestModule,
      imports: [...serviceRuntimeImports('ingest', config, metrics), HttpApiModule.forRoot({})],
      controllers: [EventsController],
      providers: [
        { provide: INGEST_LIMITS, useValue: { maxPayloadBytes: config.HOOKLINE_MAX_PAYLOAD_BYTES } },
        EventTypeCatalog,
        AcceptEventsUseCase,
        PersistEventsUseCase,
        FanOutUseCase,
        EventIntakeConsumer,
      ],
    };
  }
}
