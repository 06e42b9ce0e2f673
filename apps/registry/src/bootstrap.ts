import { registryConfigSchema } from '@hookline/config';
import { runService, type Tracing } from '@hookline/observability';
import { startService } from '@hookline/service-runtime';
import { RegistryModule } from './registry.module';

export function bootstrap(tracing: Tracing): void {
  runService('registry', () =>
    startService({
      name: 'registry',
      schema: registryConfigSchema,
      tracing,
      module: (config, metrics) => RegistryModule.register(config, metrics),
    }),
  );
}
