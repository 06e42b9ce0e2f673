import { Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ListQuery, parseInput } from '@hookline/http-api';
import { GrpcPrincipal, RequireAuth, type Principal } from '@hookline/service-runtime';
import { GrpcApiController } from '../grpc/grpc-api.decorator';
import type { GrpcRequest } from '../grpc/grpc-messages';
import { CreateTenantInput } from './tenant.input';
import { TenantsService } from './tenants.service';

/**
 * `hookline.registry.v1.TenantService`: the operator's RPCs, with the admin token, and the caller's own
 * tenant, with one of its API keys.
 */
@GrpcApiController('admin')
export class TenantsGrpcController {
  constructor(@Inject(TenantsService) private readonly tenants: TenantsService) {}

  @GrpcMethod('TenantService', 'CreateTenant')
  async create(@Payload() request: GrpcRequest) {
    return this.tenants.create(parseInput(CreateTenantInput, request));
  }

  @GrpcMethod('TenantService', 'ListTenants')
  async list(@Payload() request: GrpcRequest) {
    return this.tenants.list(parseInput(ListQuery, request));
  }

  // The handler's scope wins over the controller's: both auth guards read the handler first.
  @GrpcMethod('TenantService', 'GetCurrentTenant')
  @RequireAuth('tenant')
  async current(@GrpcPrincipal() principal: Principal) {
    return this.tenants.get(principal.tenantId);
  }
}
