import { Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { parseInput } from '@hookline/http-api';
import { GrpcPrincipal, type Principal } from '@hookline/service-runtime';
import { GrpcApiController } from '../grpc/grpc-api.decorator';
import { requiredField, type GrpcRequest } from '../grpc/grpc-messages';
import { DeliveryLogService } from './delivery-log.service';
import { DeliveryListQuery } from './delivery.input';
import { RetryDeliveryUseCase } from './retry-delivery.usecase';

/** `hookline.registry.v1.DeliveryService`: the delivery log and retries. */
@GrpcApiController('tenant')
export class DeliveriesGrpcController {
  constructor(
    @Inject(DeliveryLogService) private readonly deliveryLog: DeliveryLogService,
    @Inject(RetryDeliveryUseCase) private readonly retryDelivery: RetryDeliveryUseCase,
  ) {}

  @GrpcMethod('DeliveryService', 'ListDeliveries')
  async list(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    return this.deliveryLog.list(principal.tenantId, parseInput(DeliveryListQuery, request));
  }

  @GrpcMethod('DeliveryService', 'GetDelivery')
  async get(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    return this.deliveryLog.get(principal.tenantId, requiredField(request, 'id'));
  }

  @GrpcMethod('DeliveryService', 'RetryDelivery')
  async retry(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    return this.retryDelivery.execute(principal.tenantId, requiredField(request, 'id'));
  }
}
