import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newId } from '@hookline/contracts';
import { ProblemError, toPage, type ListQuery, type Page } from '@hookline/http-api';
import { ApiKeyEntity, TenantEntity } from '@hookline/persistence';
import { generateApiKeyToken, hashApiKeyToken, tokenHint } from '@hookline/service-runtime';
import type { CreateTenantInput } from './tenant.input';
import { presentTenant } from './tenant.presenter';
import type { CreatedTenantView, TenantView } from './tenant.view';

/** The operator's tenants, for the REST and gRPC APIs alike. */
@Injectable()
export class TenantsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Creates the tenant with its first API key, shown this once. */
  async create(input: CreateTenantInput): Promise<CreatedTenantView> {
    const now = new Date();
    const apiKey = generateApiKeyToken();
    const tenant = await this.dataSource.transaction(async (manager) => {
      const created = manager.create(TenantEntity, {
        id: newId('ten', now.getTime()),
        name: input.name,
        alertEmail: input.alertEmail ?? null,
        locale: input.locale,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(TenantEntity, created);
      await manager.insert(ApiKeyEntity, {
        id: newId('key', now.getTime()),
        tenantId: created.id,
        name: 'default',
        tokenHash: hashApiKeyToken(apiKey),
        tokenHint: tokenHint(apiKey),
        lastUsedAt: null,
        createdAt: now,
      });
      return created;
    });
    return { ...presentTenant(tenant), apiKey };
  }

  /** One tenant: the caller's own, for `GET /v1/tenant`. */
  async get(tenantId: string): Promise<TenantView> {
    const tenant = await this.dataSource.manager.findOneBy(TenantEntity, { id: tenantId });
    // The API deletes no tenant: only a key left behind by one removed from the database gets here.
    if (tenant === null) throw ProblemError.notFound(`tenant ${tenantId}`);
    return presentTenant(tenant);
  }

  /** Newest first. */
  async list(query: ListQuery): Promise<Page<TenantView>> {
    const builder = this.dataSource.manager.createQueryBuilder(TenantEntity, 't').orderBy('t.id', 'DESC').limit(query.limit + 1);
    if (query.cursor !== undefined) builder.where('t.id < :cursor', { cursor: query.cursor });
    return toPage(await builder.getMany(), query.limit, (row) => row.id, presentTenant);
  }
}
