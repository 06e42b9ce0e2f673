import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoute, ListQuery, pageOf, parseInput } from '@hookline/http-api';
import { RequireAuth } from '@hookline/service-runtime';
import { CreateTenantInput } from './tenant.input';
import { CreatedTenantView, tenantExample, TenantView } from './tenant.view';
import { TenantsService } from './tenants.service';

/** Tenants are the operator's business: these routes take the admin token. */
@ApiTags('tenants')
@Controller('v1/tenants')
@RequireAuth('admin')
export class TenantsController {
  constructor(@Inject(TenantsService) private readonly tenants: TenantsService) {}

  /** Creates the tenant with its first API key, shown this once. */
  @Post()
  @ApiRoute({
    summary: 'Create a tenant',
    description: 'With its first API key, shown in this answer only. Takes the admin token.',
    auth: 'admin',
    body: { schema: CreateTenantInput, example: { name: 'Northwind Shop', alertEmail: 'ops@northwind.example', locale: 'en' } },
    response: { status: 201, description: 'Created', schema: CreatedTenantView, example: { ...tenantExample, apiKey: 'hk_3q2y8mZpW0aXcV1bN4tR7uK9sD6fG2hJ5lQ8eT1yU0o' } },
    problems: [400, 415, 422],
  })
  async create(@Body() body: unknown) {
    return this.tenants.create(parseInput(CreateTenantInput, body ?? {}));
  }

  @Get()
  @ApiRoute({
    summary: 'List tenants',
    description: 'Newest first. Takes the admin token.',
    auth: 'admin',
    query: ListQuery,
    response: { status: 200, description: 'One page', schema: pageOf(TenantView), example: { data: [tenantExample], nextCursor: null } },
    problems: [422],
  })
  async list(@Query() query: Record<string, unknown>) {
    return this.tenants.list(parseInput(ListQuery, query, 'query'));
  }
}
