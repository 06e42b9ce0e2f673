import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { newId } from '@hookline/contracts';
import { ListQuery, parseInput, toPage } from '@hookline/http-api';
import { ApiKeyEntity, TenantEntity } from '@hookline/persistence';
import { generateApiKeyToken, hashApiKeyToken, RequireAuth, tokenHint } from '@hookline/service-runtime';

export const TenantLocale = z.enum(['en', 'ar', 'he', 'is'], { error: 'must be one of en, ar, he, is' });

const CreateTenantInput = z
  .object({
    name: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    alertEmail: z.email('must be an e-mail address').max(320).nullable().optional(),
    locale: TenantLocale.default('en'),
  })
  .strict();

export function presentTenant(tenant: TenantEntity) {
  return {
    id: tenant.id,
    name: tenant.name,
    alertEmail: tenant.alertEmail,
    locale: tenant.locale,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}

/** Tenants are the operator's business: these routes take the admin token. */
@Controller('v1/tenants')
@RequireAuth('admin')
export class TenantsController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Creates the tenant with its first API key, shown this once. */
  @Post()
  async create(@Body() body: unknown) {
    const input = parseInput(CreateTenantInput, body ?? {});
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

  @Get()
  async list(@Query() query: Record<string, unknown>) {
    const page = parseInput(ListQuery, query, 'query');
    const builder = this.dataSource.manager.createQueryBuilder(TenantEntity, 't').orderBy('t.id', 'DESC').limit(page.limit + 1);
    if (page.cursor !== undefined) builder.where('t.id < :cursor', { cursor: page.cursor });
    return toPage(await builder.getMany(), page.limit, (row) => row.id, presentTenant);
  }
}
