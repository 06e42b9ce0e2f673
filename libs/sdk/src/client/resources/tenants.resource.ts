import type { CreatedTenant, ListParams, Page, Tenant, TenantInput } from '../api.types';
import type { ApiTransport, RequestOptions } from '../api-transport';
import { paginate } from '../pagination';

/**
 * `/v1/tenants`: the operator's business, so these calls need a client holding the admin token — all
 * but `current`, which reads the tenant of the client's own API key.
 */
export class TenantsResource {
  constructor(private readonly registry: ApiTransport) {}

  /** The tenant the client's API key belongs to (`GET /v1/tenant`); the admin token has none (401). */
  current(options?: RequestOptions): Promise<Tenant> {
    return this.registry.request({ method: 'GET', path: '/v1/tenant', options });
  }

  /** Creates a tenant with its first API key, which is in this answer only. */
  create(input: TenantInput, options?: RequestOptions): Promise<CreatedTenant> {
    return this.registry.request({ method: 'POST', path: '/v1/tenants', body: input, options });
  }

  list(params: ListParams = {}, options?: RequestOptions): Promise<Page<Tenant>> {
    return this.registry.request({ method: 'GET', path: '/v1/tenants', query: { ...params }, options });
  }

  listAll(params: ListParams = {}, options?: RequestOptions): AsyncGenerator<Tenant, void, undefined> {
    return paginate((page) => this.list(page, options), params);
  }
}
