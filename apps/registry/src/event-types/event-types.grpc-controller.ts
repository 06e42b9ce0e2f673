import { Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ListQuery, parseInput } from '@hookline/http-api';
import { GrpcPrincipal, type Principal } from '@hookline/service-runtime';
import { GrpcApiController } from '../grpc/grpc-api.decorator';
import { jsonFromStruct, requiredField, structFromJson, updatedFields, type GrpcRequest, type StructMessage } from '../grpc/grpc-messages';
import { CreateEventTypeInput, UpdateEventTypeInput } from './event-type.input';
import type { EventTypeView } from './event-type.view';
import { EventTypesService } from './event-types.service';

/** An event type as `hookline.registry.v1.EventType`: the JSON Schema as a Struct. */
export function eventTypeMessage(view: EventTypeView): Omit<EventTypeView, 'schema'> & { schema: StructMessage | null } {
  return { ...view, schema: view.schema === null ? null : structFromJson(view.schema) };
}

/** The request's fields with the schema, when set, as the JSON object the REST input takes. */
function withJsonSchema(fields: GrpcRequest): GrpcRequest {
  const { schema } = fields;
  return schema === undefined || schema === null ? fields : { ...fields, schema: jsonFromStruct(schema, 'schema') };
}

/** `hookline.registry.v1.EventTypeService`. */
@GrpcApiController('tenant')
export class EventTypesGrpcController {
  constructor(@Inject(EventTypesService) private readonly eventTypes: EventTypesService) {}

  @GrpcMethod('EventTypeService', 'CreateEventType')
  async create(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    const input = parseInput(CreateEventTypeInput, withJsonSchema(request));
    return eventTypeMessage(await this.eventTypes.create(principal.tenantId, input));
  }

  @GrpcMethod('EventTypeService', 'ListEventTypes')
  async list(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    const query = { ...parseInput(ListQuery, request), includeArchived: request.includeArchived === true };
    const page = await this.eventTypes.list(principal.tenantId, query);
    return { ...page, data: page.data.map(eventTypeMessage) };
  }

  @GrpcMethod('EventTypeService', 'GetEventType')
  async get(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    return eventTypeMessage(await this.eventTypes.get(principal.tenantId, requiredField(request, 'name')));
  }

  @GrpcMethod('EventTypeService', 'UpdateEventType')
  async update(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest) {
    const name = requiredField(request, 'name');
    const patch = parseInput(UpdateEventTypeInput, withJsonSchema(updatedFields(request, 'name')));
    return eventTypeMessage(await this.eventTypes.update(principal.tenantId, name, patch));
  }

  /** Archives, as `DELETE /v1/event-types/{name}` does. */
  @GrpcMethod('EventTypeService', 'DeleteEventType')
  async archive(@GrpcPrincipal() principal: Principal, @Payload() request: GrpcRequest): Promise<Record<string, never>> {
    await this.eventTypes.archive(principal.tenantId, requiredField(request, 'name'));
    return {};
  }
}
