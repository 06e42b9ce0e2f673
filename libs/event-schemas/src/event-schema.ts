import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export interface SchemaError {
  /** JSON Pointer into `data`, e.g. `/items/0/sku`; empty for the root. */
  path: string;
  message: string;
}

/** Where a schema error is, as the APIs name fields: `/items/0/sku` → `data.items.0.sku`. */
export function schemaErrorField(error: SchemaError): string {
  return `data${error.path.replaceAll('/', '.')}`;
}

export type CompiledSchema = { ok: true; validate(data: unknown): SchemaError[] } | { ok: false; error: string };

// One Ajv instance: compiled validators are cached by it and by the map below.
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: true });
addFormats(ajv);

const compiled = new Map<string, CompiledSchema>();
const MAX_CACHED = 5000;

function toErrors(errors: ErrorObject[] | null | undefined): SchemaError[] {
  return (errors ?? []).map((error) => ({ path: error.instancePath, message: error.message ?? 'is invalid' }));
}

/** Compiles a JSON Schema once per distinct schema text; bad schemas are reported, not thrown. */
export function compileEventSchema(schema: Record<string, unknown>): CompiledSchema {
  const key = JSON.stringify(schema);
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;
  let result: CompiledSchema;
  try {
    const validate: ValidateFunction = ajv.compile(schema);
    result = { ok: true, validate: (data) => (validate(data) ? [] : toErrors(validate.errors)) };
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(key, result);
  return result;
}
