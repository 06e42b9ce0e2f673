import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemError, toPage, type Page } from '@hookline/http-api';
import { EventTypeEntity } from '@hookline/persistence';
import { AlreadyExistsProblem } from '../already-exists.problem';
import type { CreateEventTypeInput, EventTypeListOptions, UpdateEventTypeInput } from './event-type.input';
import { presentEventType } from './event-type.presenter';
import type { EventTypeView } from './event-type.view';

/** A tenant's event type catalog, for the REST and gRPC APIs alike. */
@Injectable()
export class EventTypesService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Adds a type to the catalog; creating an archived name again brings it back with the new fields. */
  async create(tenantId: string, input: CreateEventTypeInput): Promise<EventTypeView> {
    const [row] = await this.dataSource.query<{ created: boolean }[]>(
      `INSERT INTO event_types (tenant_id, name, description, schema, archived_at)
       VALUES ($1, $2, $3, $4, NULL)
       ON CONFLICT (tenant_id, name) DO UPDATE
         SET description = EXCLUDED.description, schema = EXCLUDED.schema, archived_at = NULL, updated_at = now()
         WHERE event_types.archived_at IS NOT NULL
       RETURNING true AS created`,
      [tenantId, input.name, input.description ?? null, input.schema === undefined || input.schema === null ? null : JSON.stringify(input.schema)],
    );
    if (row === undefined) throw new AlreadyExistsProblem(`event type ${input.name}`);
    return presentEventType(await this.find(tenantId, input.name, true));
  }

  /** By name; archived types only when asked for. */
  async list(tenantId: string, query: EventTypeListOptions): Promise<Page<EventTypeView>> {
    const builder = this.dataSource.manager
      .createQueryBuilder(EventTypeEntity, 't')
      .where('t.tenant_id = :tenantId', { tenantId })
      .orderBy('t.name', 'ASC')
      .limit(query.limit + 1);
    if (!query.includeArchived) builder.andWhere('t.archived_at IS NULL');
    if (query.cursor !== undefined) builder.andWhere('t.name > :cursor', { cursor: query.cursor });
    return toPage(await builder.getMany(), query.limit, (row) => row.name, presentEventType);
  }

  async get(tenantId: string, name: string): Promise<EventTypeView> {
    return presentEventType(await this.find(tenantId, name, true));
  }

  async update(tenantId: string, name: string, patch: UpdateEventTypeInput): Promise<EventTypeView> {
    const current = await this.find(tenantId, name, false);
    if (patch.description !== undefined) current.description = patch.description;
    if (patch.schema !== undefined) current.schema = patch.schema;
    current.updatedAt = new Date();
    await this.dataSource.manager.save(EventTypeEntity, current);
    return presentEventType(current);
  }

  /** Archives: the name stays reserved and visible with `includeArchived=true`, new events of it are refused. */
  async archive(tenantId: string, name: string): Promise<void> {
    const current = await this.find(tenantId, name, false);
    await this.dataSource.manager.update(EventTypeEntity, { tenantId, name: current.name }, { archivedAt: new Date() });
  }

  private async find(tenantId: string, name: string, includeArchived: boolean): Promise<EventTypeEntity> {
    const type = await this.dataSource.manager.findOneBy(EventTypeEntity, { tenantId, name });
    if (type === null || (!includeArchived && type.archivedAt !== null)) throw ProblemError.notFound(`event type ${name}`);
    return type;
  }
}
