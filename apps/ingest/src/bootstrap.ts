import { ingestConfigSchema } from '@hookline/config';
import { serveOpenApi } from '@hookline/http-api';
import { runService, type Tracing } from '@hookline/observability';
import { startService } from '@hookline/service-runtime';
import { batchBodyLimit } from './events-api/ingest-limits';
import { INGEST_API_INFO } from './ingest-api-info';
import { IngestModule } from './ingest.module';

export function bootstrap(tracing: Tracing): void {
  runService('ingest', () =>
    startService({
      name: 'ingest',
      schema: ingestConfigSchema,
      tracing,
      trustedProxies: (config) => config.HOOKLINE_TRUSTED_PROXIES,
      module: (config, metrics) => IngestModule.register(config, metrics),
      bodyLimit: (config) => batchBodyLimit(config.HOOKLINE_MAX_PAYLOAD_BYTES),
      configure: (app) => serveOpenApi(app, INGEST_API_INFO),
    }),
  );
}
