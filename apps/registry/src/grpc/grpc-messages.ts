import { z } from 'zod';
import { ProblemError } from '@hookline/http-api';

/**
 * A request as the gRPC transport decodes it: fields under their lowerCamelCase names (the names of the
 * REST JSON), unset fields left out. The zod inputs of the REST API validate it.
 */
export type GrpcRequest = Readonly<Record<string, unknown>>;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** `google.protobuf.Value` as proto-loader represents it: one of its fields is set. */
export interface ValueMessage {
  nullValue?: 'NULL_VALUE';
  numberValue?: number;
  stringValue?: string;
  boolValue?: boolean;
  structValue?: StructMessage;
  listValue?: { values?: ValueMessage[] };
}

/** `google.protobuf.Struct`: a JSON object. */
export interface StructMessage {
  fields?: Record<string, ValueMessage>;
}

/** The string field that names what an RPC acts on (`id`, or `name` for event types); INVALID_ARGUMENT when unset. */
export function requiredField(request: GrpcRequest, field: string): string {
  const value = request[field];
  if (typeof value !== 'string' || value === '') throw ProblemError.field(field, 'is required');
  return value;
}

/** The request without the fields that are not part of the resource (its id, the update mask). */
export function bodyOf(request: GrpcRequest, ...without: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(request).filter(([key]) => !without.includes(key)));
}

/**
 * The changes of an Update RPC (AIP-134). With an `update_mask`, exactly the fields it names: one that is
 * named but unset is cleared — null, or the empty list or map given in `emptyValues` for repeated and map
 * fields (an empty one cannot be told from an unset one). Without a mask, every field that is set. Paths
 * are snake_case field names; nested paths are not supported and are refused by the input's schema like
 * any unknown field.
 */
export function updatedFields(
  request: GrpcRequest,
  identity: string,
  emptyValues: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const fields = bodyOf(request, identity, 'updateMask');
  const paths = maskPaths(request.updateMask);
  if (paths.length === 0) return fields;
  return Object.fromEntries(
    paths.map(lowerCamelCase).map((key) => {
      if (Object.hasOwn(fields, key)) return [key, fields[key]];
      return [key, Object.hasOwn(emptyValues, key) ? emptyValues[key] : null];
    }),
  );
}

function maskPaths(mask: unknown): string[] {
  const parsed = z.object({ paths: z.array(z.string()).optional() }).safeParse(mask);
  return parsed.success ? (parsed.data.paths ?? []) : [];
}

/** `rate_limit_per_second` → `rateLimitPerSecond`, as proto-loader names fields; camelCase stays as it is. */
export function lowerCamelCase(path: string): string {
  return path.replace(/_([a-z0-9])/g, (_match, char: string) => char.toUpperCase());
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// The transport only hands over well-formed messages; this is for the type checker's sake.
const malformed = (field: string, type: string) => ProblemError.field(field, `must be a ${type}`);

/** A JSON object as a `google.protobuf.Struct`. */
export function structFromJson(object: Readonly<Record<string, unknown>>): StructMessage {
  return { fields: Object.fromEntries(Object.entries(object).map(([key, value]) => [key, valueFromJson(value)])) };
}

/** Any JSON value as a `google.protobuf.Value`. */
export function valueFromJson(value: unknown): ValueMessage {
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(valueFromJson) } };
  if (isRecord(value)) return { structValue: structFromJson(value) };
  return { nullValue: 'NULL_VALUE' };
}

/** A `google.protobuf.Struct` as the JSON object it stands for; `field` names it in errors. */
export function jsonFromStruct(struct: unknown, field: string): Record<string, JsonValue> {
  if (!isRecord(struct)) throw malformed(field, 'google.protobuf.Struct');
  const fields = struct.fields ?? {};
  if (!isRecord(fields)) throw malformed(field, 'google.protobuf.Struct');
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, jsonFromValue(value, `${field}.${key}`)]));
}

/** A `google.protobuf.Value` as JSON; a Value with none of its fields set is null. */
export function jsonFromValue(value: unknown, field: string): JsonValue {
  if (!isRecord(value)) throw malformed(field, 'google.protobuf.Value');
  const { numberValue, stringValue, boolValue, structValue, listValue } = value;
  if (typeof numberValue === 'number') {
    // JSON has no NaN or Infinity.
    if (!Number.isFinite(numberValue)) throw ProblemError.field(field, 'must be a finite number');
    return numberValue;
  }
  if (typeof stringValue === 'string') return stringValue;
  if (typeof boolValue === 'boolean') return boolValue;
  if (structValue !== undefined) return jsonFromStruct(structValue, field);
  if (listValue !== undefined) {
    const values = isRecord(listValue) ? (listValue.values ?? []) : undefined;
    if (!Array.isArray(values)) throw malformed(field, 'google.protobuf.ListValue');
    return values.map((item: unknown, index) => jsonFromValue(item, `${field}.${index}`));
  }
  return null;
}
