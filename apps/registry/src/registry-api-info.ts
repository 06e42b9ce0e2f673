import { HOOKLINE_VERSION } from '@hookline/contracts';
import type { OpenApiInfo } from '@hookline/http-api';

export const REGISTRY_API_INFO: OpenApiInfo = {
  title: 'Hookline management API',
  description:
    'Tenants, API keys, event types, subscriptions and the delivery log. Errors are application/problem+json; ' +
    'lists take `limit` (1–250) and `cursor` and answer `{data, nextCursor}`. Authenticate with `Authorization: Bearer <token>`: ' +
    'the operator token for tenants, a tenant API key (hk_…) for everything else.',
  version: HOOKLINE_VERSION,
};
