import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '@hookline/http-api';
import { CurrentPrincipal, RequireAuth, type Principal } from '@hookline/service-runtime';
import { tenantExample, TenantView } from './tenant.view';
import { TenantsService } from './tenants.service';

/** The caller's own tenant, with one of its API keys: how a console learns whose keys it holds. */
@ApiTags('tenants')
@Controller('v1/tenant')
@RequireAuth('tenant')
export class CurrentTenantController {
  constructor(@Inject(TenantsService) private readonly tenants: TenantsService) {}

  @Get()
  @ApiRoute({
    summary: 'Get the caller’s tenant',
    description: 'The tenant the API key belongs to, as the admin list shows it. Takes a tenant API key, not the admin token.',
    auth: 'tenant',
    response: { status: 200, description: 'The tenant', schema: TenantView, example: tenantExample },
  })
  async get(@CurrentPrincipal() principal: Principal): Promise<TenantView> {
    return this.tenants.get(principal.tenantId);
  }
}
