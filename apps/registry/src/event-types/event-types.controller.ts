import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { EventTypeName, isReservedEventType } from '@hookline/contracts';
import { ListQuery, parseInput, ProblemError, toPage } from '@hookline/http-api';
import { EventTypeEntity } from '@hookline/persistence';
import { CurrentPrincipal, RequireAuth, type Principal } from '@hookline/service-runtime';
import { JsonSchemaInput } from './json-schema.input';

const fields = {
  description: z.string().max(2000, 'must be at most 2000 characters').nullable(),
  schema: JsonSchemaInput.nullable(),
};

const CreateEventTypeInput = z
  .object({
    name: EventTypeName.refine((name) => !isReservedEventType(name), 'names under "hookline." are reserved for Hookline'),
    description: fields.description.optional(),
    schema: fields.schema.optional(),
  })
  .strict();

const UpdateEventTypeInput = z.object(fields).partial().strict();

const EventTypeListQuery = ListQuery.extend({
  includeArchived: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});

function presentEventType(type: EventTypeEntity) {
  return {
    name: type.name,
    description: type.description,
    schema: type.schema,
    archived: type.archivedAt !== null,
    archivedAt: type.archivedAt?.toISOString() ?? null,
    createdAt: type.createdAt.toISOString(),
    updatedAt: type.updatedAt.toISOString(),
  };
}

@Controller('v1/event-types')
@RequireAuth('tenant')
export class EventTypesController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Adds a type to the catalog; creating an archived name again brings it back with the new fields. */
  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const input = parseInput(CreateEventTypeInput, body ?? {});
    const [row] = await this.dataSource.query<{ created: boolean }[]>(
      `INSERT INTO event_types (tenant_id, name, description, schema, archived_at)
       VALUES ($1, $2, $3, $4, NULL)
       ON CONFLICT (tenant_id, name) DO UPDATE
         SET description = EXCLUDED.description, schema = EXCLUDED.schema, archived_at = NULL, updated_at = now()
         WHERE event_types.archived_at IS NOT NULL
       RETURNING true AS created`,
      [principal.tenantId, input.name, input.description ?? null, input.schema === undefined || input.schema === null ? null : JSON.stringify(input.schema)],
    );
    if (row === undefined) throw ProblemError.conflict(`event type ${input.name} already exists`);
    return presentEventType(await this.find(principal.tenantId, input.name, true));
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    const page = parseInput(EventTypeListQuery, query, 'query');
    const builder = this.dataSource.manager
      .createQueryBuilder(EventTypeEntity, 't')
      .where('t.tenant_id = :tenantId', { tenantId: principal.tenantId })
      .orderBy('t.name', 'ASC')
      .limit(page.limit + 1);
    if (page.includeArchived !== 'true') builder.andWhere('t.archived_at IS NULL');
    if (page.cursor !== undefined) builder.andWhere('t.name > :cursor', { cursor: page.cursor });
    return toPage(await builder.getMany(), page.limit, (row) => row.name, presentEventType);
  }

  @Get(':name')
  async get(@CurrentPrincipal() principal: Principal, @Param('name') name: string) {
    return presentEventType(await this.find(principal.tenantId, name, true));
  }

  @Patch(':name')
  async update(@CurrentPrincipal() principal: Principal, @Param('name') name: string, @Body() body: unknown) {
    const patch = parseInput(UpdateEventTypeInput, body ?? {});
    const current = await this.find(principal.tenantId, name, false);
    if (patch.description !== undefined) current.description = patch.description;
    if (patch.schema !== undefined) current.schema = patch.schema;
    current.updatedAt = new Date();
    await this.dataSource.manager.save(EventTypeEntity, current);
    return presentEventType(current);
  }

  /** Archives: the name stays reserved and visible with `includeArchived=true`, new events of it are refused. */
  @Delete(':name')
  @HttpCode(204)
  async archive(@CurrentPrincipal() principal: Principal, @Param('name') name: string): Promise<void> {
    const current = await this.find(principal.tenantId, name, false);
    await this.dataSource.manager.update(EventTypeEntity, { tenantId: principal.tenantId, name: current.name }, { archivedAt: new Date() });
  }

  private async find(tenantId: string, name: string, includeArchived: boolean): Promise<EventTypeEntity> {
    const type = await this.dataSource.manager.findOneBy(EventTypeEntity, { tenantId, name });
    if (type === null || (!includeArchived && type.archivedAt !== null)) throw ProblemError.notFound(`event type ${name}`);
    return type;
  }
}
