import { Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RetrySchedulerConfig } from '@hookline/config';
import { SERVICE_METRICS, type ServiceMetrics } from '@hookline/observability';
import { serviceRuntimeImports } from '@hookline/service-runtime';
import { PublishDueRetriesUseCase } from './scheduling/publish-due-retries.usecase';
import { QueueStrandedHeldUseCase } from './scheduling/queue-stranded-held.usecase';
import { ReleaseQueuedUseCase } from './scheduling/release-queued.usecase';
import { ReportDeadDeliveriesUseCase } from './scheduling/report-dead-deliveries.usecase';
import { RETRY_SCHEDULER_OPTIONS } from './scheduling/retry-scheduler.options';
import { SchedulerLoop } from './scheduling/scheduler.loop';
import { SchedulerMetrics } from './scheduling/scheduler-metrics';

@Module({})
export class RetrySchedulerModule {
  static register(config: RetrySchedulerConfig, metrics: ServiceMetrics): DynamicModule {
    return {
      module: RetrySchedulerModule,
      imports: serviceRuntimeImports('retry-scheduler', config, metrics),
      providers: [
        { provide: RETRY_SCHEDULER_OPTIONS, useValue: { pollIntervalMs: config.HOOKLINE_RETRY_POLL_INTERVAL_MS } },
        {
          provide: SchedulerMetrics,
          useFactory: (registry: ServiceMetrics, dataSource: DataSource) => new SchedulerMetrics(registry, dataSource),
          inject: [SERVICE_METRICS, DataSource],
        },
        PublishDueRetriesUseCase,
        ReleaseQueuedUseCase,
        ReportDeadDeliveriesUseCase,
        QueueStrandedHeldUseCase,
        SchedulerLoop,
      ],
    };
  }
}
