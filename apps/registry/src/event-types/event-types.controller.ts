import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoute, pageOf, parseInput } from '@hookline/http-api';
import { CurrentPrincipal, RequireAuth, type Principal } from '@hookline/service-runtime';
import { CreateEventTypeInput, EventTypeListQuery, UpdateEventTypeInput } from './event-type.input';
import { eventTypeExample, EventTypeView } from './event-type.view';
import { EventTypesService } from './event-types.service';

const one = (description: string) => ({ status: 200, description, schema: EventTypeView, example: eventTypeExample });

@ApiTags('event-types')
@Controller('v1/event-types')
@RequireAuth('tenant')
export class EventTypesController {
  constructor(@Inject(EventTypesService) private readonly eventTypes: EventTypesService) {}

  /** Adds a type to the catalog; creating an archived name again brings it back with the new fields. */
  @Post()
  @ApiRoute({
    summary: 'Add an event type to the catalog',
    description: 'With an optional JSON Schema for `data`. Creating an archived name again restores it.',
    auth: 'tenant',
    body: { schema: CreateEventTypeInput, example: { name: eventTypeExample.name, description: eventTypeExample.description, schema: eventTypeExample.schema } },
    response: { ...one('Created'), status: 201 },
    problems: [400, 409, 415, 422],
  })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.eventTypes.create(principal.tenantId, parseInput(CreateEventTypeInput, body ?? {}));
  }

  @Get()
  @ApiRoute({
    summary: 'List the catalog',
    description: 'By name; archived types only with includeArchived=true.',
    auth: 'tenant',
    query: EventTypeListQuery,
    response: { status: 200, description: 'One page', schema: pageOf(EventTypeView), example: { data: [eventTypeExample], nextCursor: null } },
    problems: [422],
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    const page = parseInput(EventTypeListQuery, query, 'query');
    return this.eventTypes.list(principal.tenantId, { ...page, includeArchived: page.includeArchived === 'true' });
  }

  @Get(':name')
  @ApiRoute({ summary: 'Read an event type', auth: 'tenant', response: one('The event type'), problems: [404] })
  async get(@CurrentPrincipal() principal: Principal, @Param('name') name: string) {
    return this.eventTypes.get(principal.tenantId, name);
  }

  @Patch(':name')
  @ApiRoute({
    summary: 'Update an event type',
    description: 'Description and schema; null clears either.',
    auth: 'tenant',
    body: { schema: UpdateEventTypeInput, example: { description: 'A customer placed an order (v2)' } },
    response: one('The updated event type'),
    problems: [400, 404, 415, 422],
  })
  async update(@CurrentPrincipal() principal: Principal, @Param('name') name: string, @Body() body: unknown) {
    return this.eventTypes.update(principal.tenantId, name, parseInput(UpdateEventTypeInput, body ?? {}));
  }

  /** Archives: the name stays reserved and visible with `includeArchived=true`, new events of it are refused. */
  @Delete(':name')
  @HttpCode(204)
  @ApiRoute({ summary: 'Archive an event type', description: 'New events of it are refused; it stays listed with includeArchived=true.', auth: 'tenant', response: { status: 204, description: 'Archived' }, problems: [404] })
  async archive(@CurrentPrincipal() principal: Principal, @Param('name') name: string): Promise<void> {
    await this.eventTypes.archive(principal.tenantId, name);
  }
}
