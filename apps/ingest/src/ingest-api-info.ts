import { HOOKLINE_VERSION } from '@hookline/contracts';
import type { OpenApiInfo } from '@hookline/http-api';

export const INGEST_API_INFO: OpenApiInfo = {
  title: 'Hookline ingest API',
  description:
    'Publish events over REST (they go to the same Kafka topic as domain producers) and read them back with the status of their deliveries. ' +
    'Authenticate with a tenant API key: `Authorization: Bearer hk_…`. Errors are application/problem+json.',
  version: HOOKLINE_VERSION,
};
