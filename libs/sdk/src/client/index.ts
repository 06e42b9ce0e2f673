// The API client alone, without the receiver helpers (they need node:crypto): what a browser bundle imports.
export { HooklineClient, DEFAULT_INGEST_URL, DEFAULT_REGISTRY_URL, DEFAULT_TIMEOUT_MS, type HooklineClientOptions } from './hookline-client';
export type { FetchFunction, RequestOptions } from './api-transport';
export { HooklineApiError, HooklineError, HooklineNetworkError, HooklineTimeoutError } from './client.errors';
export { paginate } from './pagination';
export type * from './api.types';
