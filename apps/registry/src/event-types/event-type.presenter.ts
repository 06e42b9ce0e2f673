import type { EventTypeEntity } from '@hookline/persistence';
import type { EventTypeView } from './event-type.view';

/** A catalog entry as the API shows it. */
export function presentEventType(type: EventTypeEntity): EventTypeView {
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
