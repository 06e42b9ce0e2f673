import type { EventType, EventTypeInput, EventTypeUpdate, JsonSchema } from '@hookline/sdk/client';

/** The add/edit form's values, as typed. */
export interface EventTypeDraft {
  name: string;
  description: string;
  schemaText: string;
}

/** Only what JSON itself rules out is caught here; whether the schema is a valid JSON Schema is the API's call. */
export type SchemaTextProblem = 'invalid-json' | 'not-object';

export type SchemaTextOutcome = { ok: true; schema: JsonSchema | null } | { ok: false; problem: SchemaTextProblem };

export const emptyEventTypeDraft: EventTypeDraft = { name: '', description: '', schemaText: '' };

/** Empty text means no schema; otherwise it must be one JSON object. */
export function parseSchemaText(text: string): SchemaTextOutcome {
  if (text.trim() === '') return { ok: true, schema: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'invalid-json' };
  }
  if (!isJsonObject(parsed)) return { ok: false, problem: 'not-object' };
  return { ok: true, schema: parsed };
}

function isJsonObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema as people read and edit it: indented two spaces. */
export function schemaToText(schema: JsonSchema | null): string {
  return schema === null ? '' : JSON.stringify(schema, null, 2);
}

export function draftOfEventType(type: EventType): EventTypeDraft {
  return { name: type.name, description: type.description ?? '', schemaText: schemaToText(type.schema) };
}

function descriptionOf(draft: EventTypeDraft): string | null {
  const description = draft.description.trim();
  return description === '' ? null : description;
}

export function eventTypeInputOf(draft: EventTypeDraft): { ok: true; input: EventTypeInput } | { ok: false; problem: SchemaTextProblem } {
  const schema = parseSchemaText(draft.schemaText);
  if (!schema.ok) return schema;
  return { ok: true, input: { name: draft.name.trim(), description: descriptionOf(draft), schema: schema.schema } };
}

/** Both fields are always sent: an emptied description or schema is cleared (`null`), as the API documents. */
export function eventTypeUpdateOf(draft: EventTypeDraft): { ok: true; patch: EventTypeUpdate } | { ok: false; problem: SchemaTextProblem } {
  const schema = parseSchemaText(draft.schemaText);
  if (!schema.ok) return schema;
  return { ok: true, patch: { description: descriptionOf(draft), schema: schema.schema } };
}
