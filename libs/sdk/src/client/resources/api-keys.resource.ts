import type { ApiKey, ApiKeyInput, CreatedApiKey, ListParams, Page } from '../api.types';
import { apiPath, type ApiTransport, type RequestOptions } from '../api-transport';
import { paginate } from '../pagination';

/** `/v1/api-keys`: more keys for the caller's tenant. */
export class ApiKeysResource {
  constructor(private readonly registry: ApiTransport) {}

  /** The token is in this answer only; Hookline keeps its hash. */
  create(input: ApiKeyInput = {}, options?: RequestOptions): Promise<CreatedApiKey> {
    return this.registry.request({ method: 'POST', path: '/v1/api-keys', body: input, options });
  }

  list(params: ListParams = {}, options?: RequestOptions): Promise<Page<ApiKey>> {
    return this.registry.request({ method: 'GET', path: '/v1/api-keys', query: { ...params }, options });
  }

  listAll(params: ListParams = {}, options?: RequestOptions): AsyncGenerator<ApiKey, void, undefined> {
    return paginate((page) => this.list(page, options), params);
  }

  /** Revokes a key; the tenant's last key cannot be deleted (409). */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.registry.request({ method: 'DELETE', path: apiPath`/v1/api-keys/${id}`, options });
  }
}
