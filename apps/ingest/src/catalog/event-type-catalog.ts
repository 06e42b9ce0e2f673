import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isBuiltInEventType, isReservedEventType } from '@hookline/contracts';
import { compileEventSchema, type SchemaError } from '@hookline/event-schemas';

export type EventTypeVerdict =
  | { ok: true; validate(data: unknown): SchemaError[] }
  | { ok: false; reason: 'unknown_tenant' | 'unknown_event_type' | 'archived_event_type' | 'reserved_event_type'; message: string };

interface TenantCatalog {
  exists: boolean;
  types: Map<string, { archived: boolean; schema: Record<string, unknown> | null }>;
  loadedAt: number;
}

// How long a loaded catalog is trusted; a name it does not know is always looked up again.
const FRESH_MS = 5000;
const MAX_TENANTS = 10_000;
const noErrors = (): SchemaError[] => [];

/**
 * Each tenant's event-type catalog, loaded whole and kept for a few seconds, so validating a batch of
 * events costs at most one query — and a type created a moment ago is found by reloading on a miss.
 */
@Injectable()
export class EventTypeCatalog {
  private readonly tenants = new Map<string, TenantCatalog>();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Verdicts for (tenant, type) pairs, in order; loads every stale or missing tenant in one query. */
  async check(
    pairs: readonly { tenantId: string; type: string; operational?: boolean }[],
    now: number = Date.now(),
  ): Promise<EventTypeVerdict[]> {
    const stale = new Set<string>();
    for (const { tenantId, type } of pairs) {
      const catalog = this.tenants.get(tenantId);
      const fresh = catalog !== undefined && now - catalog.loadedAt < FRESH_MS;
      const missRetry = catalog !== undefined && !catalog.types.has(type) && !isReservedEventType(type);
      if (!fresh || missRetry) stale.add(tenantId);
    }
    if (stale.size > 0) await this.load([...stale], now);
    return pairs.map(({ tenantId, type, operational }) => this.verdict(tenantId, type, operational === true));
  }

  /** `operational`: the event was emitted by Hookline itself, the only source allowed built-in types. */
  private verdict(tenantId: string, type: string, operational: boolean): EventTypeVerdict {
    const catalog = this.tenants.get(tenantId);
    if (catalog === undefined || !catalog.exists) return { ok: false, reason: 'unknown_tenant', message: `tenant ${tenantId} does not exist` };
    if (operational && isBuiltInEventType(type)) return { ok: true, validate: noErrors };
    if (isReservedEventType(type)) {
      return isBuiltInEventType(type)
        ? { ok: false, reason: 'reserved_event_type', message: `${type} is emitted by Hookline itself` }
        : { ok: false, reason: 'reserved_event_type', message: 'names under "hookline." are reserved' };
    }
    const entry = catalog.types.get(type);
    if (entry === undefined) return { ok: false, reason: 'unknown_event_type', message: `${type} is not in the event type catalog` };
    if (entry.archived) return { ok: false, reason: 'archived_event_type', message: `${type} is archived` };
    if (entry.schema === null) return { ok: true, validate: noErrors };
    const compiled = compileEventSchema(entry.schema);
    // A schema that no longer compiles was accepted by an older version; do not block the stream on it.
    return { ok: true, validate: compiled.ok ? (data) => compiled.validate(data) : noErrors };
  }

  private async load(tenantIds: string[], now: number): Promise<void> {
    const rows = await this.dataSource.query<{ tenant_id: string; name: string | null; archived: boolean | null; schema: Record<string, unknown> | null }[]>(
      `SELECT t.id AS tenant_id, et.name, et.archived_at IS NOT NULL AS archived, et.schema
       FROM tenants t LEFT JOIN event_types et ON et.tenant_id = t.id
       WHERE t.id = ANY($1)`,
      [tenantIds],
    );
    if (this.tenants.size + tenantIds.length > MAX_TENANTS) this.tenants.clear();
    for (const tenantId of tenantIds) this.tenants.set(tenantId, { exists: false, types: new Map(), loadedAt: now });
    for (const row of rows) {
      const catalog = this.tenants.get(row.tenant_id);
      if (catalog === undefined) continue;
      catalog.exists = true;
      if (row.name !== null) catalog.types.set(row.name, { archived: row.archived === true, schema: row.schema });
    }
  }
}
