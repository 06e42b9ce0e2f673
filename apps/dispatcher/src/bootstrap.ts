import { dispatcherConfigSchema } from '@hookline/config';
import { runService, type Tracing } from '@hookline/observability';
import { startService } from '@hookline/service-runtime';
import { DispatcherModule } from './dispatcher.module';

export function bootstrap(tracing: Tracing): void {
  runService('dispatcher', () =>
    startService({
      name: 'dispatcher',
      schema: dispatcherConfigSchema,
      tracing,
      module: (config, metrics) => DispatcherModule.register(config, metrics),
    }),
  );
}
