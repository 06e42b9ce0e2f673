import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoute, ListQuery, pageOf, parseInput } from '@hookline/http-api';
import { CurrentPrincipal, RequireAuth, type Principal } from '@hookline/service-runtime';
import { CreateApiKeyInput } from './api-key.input';
import { apiKeyExample, ApiKeyView, CreatedApiKeyView } from './api-key.view';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@Controller('v1/api-keys')
@RequireAuth('tenant')
export class ApiKeysController {
  constructor(@Inject(ApiKeysService) private readonly apiKeys: ApiKeysService) {}

  /** The token is in this answer only; Hookline keeps its hash. */
  @Post()
  @ApiRoute({
    summary: 'Create an API key',
    description: 'The key is in this answer only; Hookline keeps its hash.',
    auth: 'tenant',
    body: { schema: CreateApiKeyInput, example: { name: 'ci deploys' }, required: false },
    response: { status: 201, description: 'Created', schema: CreatedApiKeyView, example: { ...apiKeyExample, apiKey: 'hk_3q2y8mZpW0aXcV1bN4tR7uK9sD6fG2hJ5lQ8eT1yU0o' } },
    problems: [400, 415, 422],
  })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.apiKeys.create(principal.tenantId, parseInput(CreateApiKeyInput, body ?? {}));
  }

  @Get()
  @ApiRoute({
    summary: 'List API keys',
    auth: 'tenant',
    query: ListQuery,
    response: { status: 200, description: 'One page', schema: pageOf(ApiKeyView), example: { data: [apiKeyExample], nextCursor: null } },
    problems: [422],
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    return this.apiKeys.list(principal.tenantId, parseInput(ListQuery, query, 'query'));
  }

  /** Revokes a key; the tenant's last key cannot go, or nobody could manage the tenant any more. */
  @Delete(':id')
  @HttpCode(204)
  @ApiRoute({ summary: 'Revoke an API key', description: 'The tenant’s last key cannot be revoked (409).', auth: 'tenant', response: { status: 204, description: 'Revoked' }, problems: [404, 409] })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.apiKeys.remove(principal.tenantId, id);
  }
}
