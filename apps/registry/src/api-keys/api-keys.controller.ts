import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { newId } from '@hookline/contracts';
import { ListQuery, parseInput, ProblemError, toPage } from '@hookline/http-api';
import { ApiKeyEntity } from '@hookline/persistence';
import { CurrentPrincipal, generateApiKeyToken, hashApiKeyToken, RequireAuth, tokenHint, type Principal } from '@hookline/service-runtime';

const CreateApiKeyInput = z
  .object({ name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').default('api key') })
  .strict();

function presentApiKey(key: ApiKeyEntity) {
  return {
    id: key.id,
    name: key.name,
    hint: `hk_…${key.tokenHint}`,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
  };
}

@Controller('v1/api-keys')
@RequireAuth('tenant')
export class ApiKeysController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The token is in this answer only; Hookline keeps its hash. */
  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const input = parseInput(CreateApiKeyInput, body ?? {});
    const token = generateApiKeyToken();
    const key = this.dataSource.manager.create(ApiKeyEntity, {
      id: newId('key'),
      tenantId: principal.tenantId,
      name: input.name,
      tokenHash: hashApiKeyToken(token),
      tokenHint: tokenHint(token),
      lastUsedAt: null,
      createdAt: new Date(),
    });
    await this.dataSource.manager.insert(ApiKeyEntity, key);
    return { ...presentApiKey(key), apiKey: token };
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    const page = parseInput(ListQuery, query, 'query');
    const builder = this.dataSource.manager
      .createQueryBuilder(ApiKeyEntity, 'k')
      .where('k.tenant_id = :tenantId', { tenantId: principal.tenantId })
      .orderBy('k.id', 'DESC')
      .limit(page.limit + 1);
    if (page.cursor !== undefined) builder.andWhere('k.id < :cursor', { cursor: page.cursor });
    return toPage(await builder.getMany(), page.limit, (row) => row.id, presentApiKey);
  }

  /** Revokes a key; the tenant's last key cannot go, or nobody could manage the tenant any more. */
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const keys = await manager.query<{ id: string }[]>(
        `SELECT id FROM api_keys WHERE tenant_id = $1 FOR UPDATE`,
        [principal.tenantId],
      );
      if (!keys.some((key) => key.id === id)) throw ProblemError.notFound(`API key ${id}`);
      if (keys.length === 1) throw ProblemError.conflict('the last API key of a tenant cannot be deleted; create another first');
      await manager.delete(ApiKeyEntity, { id, tenantId: principal.tenantId });
    });
  }
}
