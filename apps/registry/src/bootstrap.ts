import { registryConfigSchema } from '@hookline/config';
import { serveOpenApi } from '@hookline/http-api';
import { runService, type Tracing } from '@hookline/observability';
import { startService } from '@hookline/service-runtime';
import { defaultConsoleDir } from './console/console-files';
import { serveConsole } from './console/console.routes';
import { connectGrpcApi } from './grpc/grpc-server';
import { REGISTRY_API_INFO } from './registry-api-info';
import { RegistryModule } from './registry.module';

export function bootstrap(tracing: Tracing): void {
  runService('registry', () =>
    startService({
      name: 'registry',
      schema: registryConfigSchema,
      tracing,
      trustedProxies: (config) => config.HOOKLINE_TRUSTED_PROXIES,
      module: (config, metrics) => RegistryModule.register(config, metrics),
      configure: (app, config) => {
        serveOpenApi(app, REGISTRY_API_INFO);
        serveConsole(app.getHttpAdapter().getInstance(), {
          dir: config.HOOKLINE_CONSOLE_DIR ?? defaultConsoleDir(),
          ingestUrl: config.HOOKLINE_CONSOLE_INGEST_URL,
        });
      },
      microservices: (app, config) => connectGrpcApi(app, config),
    }),
  );
}
