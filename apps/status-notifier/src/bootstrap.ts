import { statusNotifierConfigSchema } from '@hookline/config';
import { runService, type Tracing } from '@hookline/observability';
import { startService } from '@hookline/service-runtime';
import { StatusNotifierModule } from './status-notifier.module';

export function bootstrap(tracing: Tracing): void {
  runService('status-notifier', () =>
    startService({
      name: 'status-notifier',
      schema: statusNotifierConfigSchema,
      tracing,
      module: (config, metrics) => StatusNotifierModule.register(config, metrics),
    }),
  );
}
