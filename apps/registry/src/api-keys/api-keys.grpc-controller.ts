import { Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ListQuery, parseInput } from '@hookline/http-api';
import { GrpcPrincipal, type Principal } from '@hookline/service-runtime';
import { GrpcApiController } from '../grpc/grpc-api.decorator';
import { requiredField, type GrpcRequest } from '../grpc/grpc-messages';
import { CreateApiKeyInput } from './api-key.input';
import { ApiKeysService } from './api-keys.service';

/** `hookline.registry.v1.ApiKeyService`. */
@GrpcApiController('tenant')
export class ApiKeysGrpcController {
  constructor(@Inject(ApiKeysService) private readonly apiKeys: ApiKeysService) {}

  @GrpcMethod('ApiKeyService', 'CreateApiKey')
  async create(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    return this.apiKeys.create(principal.tenantId, parseInput(CreateApiKeyInput, request));
  }

  @GrpcMethod('ApiKeyService', 'ListApiKeys')
  async list(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    return this.apiKeys.list(principal.tenantId, parseInput(ListQuery, request));
  }

  @GrpcMethod('ApiKeyService', 'DeleteApiKey')
  async remove(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest): Promise<Record<string, never>> {
    await this.apiKeys.remove(principal.tenantId, requiredField(request, 'id'));
    return {};
  }
}
