import { retrySchedulerConfigSchema } from '@hookline/config';
import { runService, type Tracing } from '@hookline/observability';
import { startService } from '@hookline/service-runtime';
import { RetrySchedulerModule } from './retry-scheduler.module';

export function bootstrap(tracing: Tracing): void {
  runService('retry-scheduler', () =>
    startService({
      name: 'retry-scheduler',
      schema: retrySchedulerConfigSchema,
      tracing,
      module: (config, metrics) => RetrySchedulerModule.register(config, metrics),
    }),
  );
}
