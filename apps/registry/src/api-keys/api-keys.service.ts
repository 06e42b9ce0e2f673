import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newId } from '@hookline/contracts';
import { ProblemError, toPage, type ListQuery, type Page } from '@hookline/http-api';
import { ApiKeyEntity } from '@hookline/persistence';
import { generateApiKeyToken, hashApiKeyToken, tokenHint } from '@hookline/service-runtime';
import type { CreateApiKeyInput } from './api-key.input';
import { presentApiKey } from './api-key.presenter';
import type { ApiKeyView, CreatedApiKeyView } from './api-key.view';

/** A tenant's API keys, for the REST and gRPC APIs alike. */
@Injectable()
export class ApiKeysService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The key is in this answer only; Hookline keeps its hash. */
  async create(tenantId: string, input: CreateApiKeyInput): Promise<CreatedApiKeyView> {
    const token = generateApiKeyToken();
    const key = this.dataSource.manager.create(ApiKeyEntity, {
      id: newId('key'),
      tenantId,
      name: input.name,
      tokenHash: hashApiKeyToken(token),
      tokenHint: tokenHint(token),
      lastUsedAt: null,
      createdAt: new Date(),
    });
    await this.dataSource.manager.insert(ApiKeyEntity, key);
    return { ...presentApiKey(key), apiKey: token };
  }

  /** Newest first. */
  async list(tenantId: string, query: ListQuery): Promise<Page<ApiKeyView>> {
    const builder = this.dataSource.manager
      .createQueryBuilder(ApiKeyEntity, 'k')
      .where('k.tenant_id = :tenantId', { tenantId })
      .orderBy('k.id', 'DESC')
      .limit(query.limit + 1);
    if (query.cursor !== undefined) builder.andWhere('k.id < :cursor', { cursor: query.cursor });
    return toPage(await builder.getMany(), query.limit, (row) => row.id, presentApiKey);
  }

  /** Revokes a key; the tenant's last key cannot go, or nobody could manage the tenant any more. */
  async remove(tenantId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const keys = await manager.query<{ id: string }[]>(`SELECT id FROM api_keys WHERE tenant_id = $1 FOR UPDATE`, [tenantId]);
      if (!keys.some((key) => key.id === id)) throw ProblemError.notFound(`API key ${id}`);
      if (keys.length === 1) throw ProblemError.conflict('the last API key of a tenant cannot be deleted; create another first');
      await manager.delete(ApiKeyEntity, { id, tenantId });
    });
  }
}
