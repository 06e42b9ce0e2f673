import { Module, type DynamicModule } from '@nestjs/common';
import type { IngestConfig } from '@hookline/config';
import { SERVICE_METRICS, type ServiceMetrics } from '@hookline/observability';
import { authFailureLimits, HttpApiModule, serviceRuntimeImports } from '@hookline/service-runtime';
import { EventTypeCatalog } from './catalog/event-type-catalog';
import { AcceptEventsUseCase } from './events-api/accept-events.usecase';
import { EventsController } from './events-api/events.controller';
import { INGEST_LIMITS } from './events-api/ingest-limits';
import { FanOutUseCase } from './fan-out/fan-out.usecase';
import { EventIntakeConsumer } from './intake/event-intake.consumer';
import { PersistEventsUseCase } from './intake/persist-events.usecase';
import { IngestMetrics } from './ingest-metrics';

@Module({})
export class IngestModule {
  static register(config: IngestConfig, metrics: ServiceMetrics): DynamicModule {
    return {
      module: IngestModule,
      imports: [...serviceRuntimeImports('ingest', config, metrics), HttpApiModule.forRoot({ failureLimits: authFailureLimits(config) })],
      controllers: [EventsController],
      providers: [
        { provide: INGEST_LIMITS, useValue: { maxPayloadBytes: config.HOOKLINE_MAX_PAYLOAD_BYTES } },
        { provide: IngestMetrics, useFactory: (registry: ServiceMetrics) => new IngestMetrics(registry), inject: [SERVICE_METRICS] },
        EventTypeCatalog,
        AcceptEventsUseCase,
        PersistEventsUseCase,
        FanOutUseCase,
        EventIntakeConsumer,
      ],
    };
  }
}
