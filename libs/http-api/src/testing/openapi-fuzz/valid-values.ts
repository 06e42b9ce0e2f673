import fc from 'fast-check';
import { resolveSchema, type ApiDocument, type JsonSchema } from './api-document';
import { alphanumericOfLength } from './odd-values';

/**
 * Values to use at a place instead of what the schema would give, by place: property names from the
 * root joined by `.`, `*` for an array item or a map entry (`events.*.type`, `headers.*`). How a caller
 * supplies ids of resources that exist, URLs that reach a receiver, or secrets in the expected form.
 */
export type ValueHints = Readonly<Record<string, fc.Arbitrary<unknown>>>;

export interface SchemaContext {
  document: ApiDocument;
  hints: ValueHints;
  /** Where the value goes, from the root of the body or parameter. */
  path: readonly string[];
}

// Schemas nest a few levels; deeper than this is a recursive $ref the generator does not unroll.
const MAX_SCHEMA_DEPTH = 24;
// Sizes of ordinary values; exact maxima and huge values come as boundary cases and mutations.
const TYPICAL_STRING_LENGTH = 40;
const TYPICAL_EXTRA_ITEMS = 4;
const LARGEST_EXACT_STRING = 8192;
const LARGEST_EXACT_ARRAY = 100;

export const placeOf = (path: readonly string[]): string => path.join('.');
export const childContext = (context: SchemaContext, key: string): SchemaContext => ({ ...context, path: [...context.path, key] });

// Keys that Fastify's JSON parser refuses as prototype poisoning: valid JSON, but not a valid request.
const POISON_KEYS = new Set(['__proto__', 'constructor']);
const isPlainKey = (key: string) => !POISON_KEYS.has(key);

function hasPoisonKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasPoisonKey);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, child]) => !isPlainKey(key) || hasPoisonKey(child));
}

/** Any small JSON value, without keys a JSON parser rightly refuses. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 }).filter((value) => !hasPoisonKey(value));

const FRIENDLY_UNICODE = ['é', 'ß', 'ø', 'Ж', 'ж', '中', 'あ', 'ع', 'ש', 'ñ', '😀', '✓', '€', 'İ', ' '];

/** Printable text, mostly ASCII, sometimes other scripts (well-formed: odd text is a mutation). */
function text(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...FRIENDLY_UNICODE), minLength, maxLength }) },
  );
}

const LOWER_ALPHANUMERIC = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const label = (maxLength: number) => fc.string({ unit: fc.constantFrom(...LOWER_ALPHANUMERIC), minLength: 1, maxLength });

/** Addresses that satisfy both ajv-formats' `email` and the stricter patterns zod writes beside it. */
export const emailAddress: fc.Arbitrary<string> = fc
  .tuple(label(12), fc.option(label(8), { nil: undefined }), label(12), fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 2, maxLength: 6 }))
  .map(([local, dotted, domain, tld]) => `${local}${dotted === undefined ? '' : `.${dotted}`}@${domain}.${tld}`);

/** RFC 3339 times of this century, as the API writes them. */
export const isoTime: fc.Arbitrary<string> = fc
  .date({ min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

const FORMATS: Record<string, fc.Arbitrary<string>> = {
  'date-time': isoTime,
  date: isoTime.map((time) => time.slice(0, 10)),
  email: emailAddress,
  uri: fc.webUrl({ validSchemes: ['https'] }),
  url: fc.webUrl({ validSchemes: ['https'] }),
  uuid: fc.uuid(),
  hostname: fc.domain(),
  ipv4: fc.ipV4(),
  ipv6: fc.ipV6(),
};

/**
 * Strings matching a pattern. fast-check's `stringMatching` covers the classes, groups and quantifiers
 * our documents use (event type names, printable ASCII, e-mail addresses); a pattern it cannot handle
 * fails loudly here rather than yielding values the server would refuse.
 */
function matching(pattern: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  let generator: fc.Arbitrary<string>;
  try {
    generator = fc.stringMatching(new RegExp(pattern, 'u'), { maxLength: Math.min(maxLength, minLength + TYPICAL_STRING_LENGTH * 2) });
  } catch (error) {
    throw new Error(`cannot generate strings for the pattern ${pattern}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return generator.filter((value) => value.length >= minLength && value.length <= maxLength);
}

function stringValue(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? Number.MAX_SAFE_INTEGER;
  const known = schema.format === undefined ? undefined : FORMATS[schema.format];
  if (known !== undefined) return known.filter((value) => [...value].length >= minLength && [...value].length <= maxLength);
  if (schema.pattern !== undefined) return matching(schema.pattern, minLength, maxLength);
  const typical = text(minLength, Math.min(maxLength, minLength + TYPICAL_STRING_LENGTH));
  if (maxLength > LARGEST_EXACT_STRING || maxLength <= minLength + TYPICAL_STRING_LENGTH) return typical;
  return fc.oneof({ weight: 8, arbitrary: typical }, { weight: 1, arbitrary: alphanumericOfLength(maxLength) });
}

interface NumericBounds {
  min: number;
  max: number;
  minExcluded: boolean;
  maxExcluded: boolean;
}

/** The bounds a numeric schema sets, in either dialect of exclusive bounds (3.0 booleans, 3.1 numbers). */
export function numericBounds(schema: JsonSchema): NumericBounds {
  const bounds: NumericBounds = { min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, minExcluded: schema.exclusiveMinimum === true, maxExcluded: schema.exclusiveMaximum === true };
  if (typeof schema.exclusiveMinimum === 'number' && schema.exclusiveMinimum >= bounds.min) Object.assign(bounds, { min: schema.exclusiveMinimum, minExcluded: true });
  if (typeof schema.exclusiveMaximum === 'number' && schema.exclusiveMaximum <= bounds.max) Object.assign(bounds, { max: schema.exclusiveMaximum, maxExcluded: true });
  return bounds;
}

/** The smallest and largest integers a schema allows. */
export function integerRange(schema: JsonSchema): { min: number; max: number } {
  const bounds = numericBounds(schema);
  const min = bounds.minExcluded ? Math.floor(bounds.min) + 1 : Math.ceil(bounds.min);
  const max = bounds.maxExcluded ? Math.ceil(bounds.max) - 1 : Math.floor(bounds.max);
  return { min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) };
}

function integerValue(schema: JsonSchema): fc.Arbitrary<number> {
  const { min, max } = integerRange(schema);
  // With multipleOf, draw the multiplier: every value and both edges are then multiples.
  const step = schema.multipleOf !== undefined && Number.isInteger(schema.multipleOf) && schema.multipleOf > 0 ? schema.multipleOf : 1;
  const low = Math.ceil(min / step);
  const high = Math.floor(max / step);
  return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: low, max: high }) }, { weight: 1, arbitrary: fc.constantFrom(low, high) }).map((n) => n * step);
}

function numberValue(schema: JsonSchema): fc.Arbitrary<number> {
  const bounds = numericBounds(schema);
  const any = fc.double({ ...bounds, noNaN: true, noDefaultInfinity: true });
  const edges = [...(bounds.minExcluded ? [] : [bounds.min]), ...(bounds.maxExcluded ? [] : [bounds.max])];
  return edges.length === 0 ? any : fc.oneof({ weight: 4, arbitrary: any }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

function arrayValue(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<unknown[]> {
  const item = validValueAt(schema.items ?? {}, childContext(context, '*'));
  const minLength = schema.minItems ?? 0;
  const maxLength = schema.maxItems ?? Number.MAX_SAFE_INTEGER;
  const typicalMax = Math.min(maxLength, minLength + TYPICAL_EXTRA_ITEMS);
  const build = (min: number, max: number) =>
    schema.uniqueItems === true ? fc.uniqueArray(item, { minLength: min, maxLength: max, selector: (value) => JSON.stringify(value) }) : fc.array(item, { minLength: min, maxLength: max });
  const typical = build(minLength, typicalMax);
  if (maxLength <= typicalMax || maxLength > LARGEST_EXACT_ARRAY) return typical;
  return fc.oneof({ weight: 8, arbitrary: typical }, { weight: 1, arbitrary: build(maxLength, maxLength) });
}

const mapKey = fc.string({ minLength: 1, maxLength: 16 }).filter(isPlainKey);

function objectValue(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  const required = schema.required ?? [];
  if (properties.length > 0 || required.length > 0) {
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, property] of properties) model[name] = validValueAt(property, childContext(context, name));
    // Required but not described: anything will do.
    for (const name of required) model[name] ??= validValueAt({}, childContext(context, name));
    return fc.record(model, { requiredKeys: [...required] });
  }
  if (schema.additionalProperties === false) return fc.constant({});
  const entry = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
  return fc.dictionary(mapKey, validValueAt(entry, childContext(context, '*')), { maxKeys: 4 });
}

function fromSchema(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<unknown> {
  if (context.path.length > MAX_SCHEMA_DEPTH) throw new Error(`schema nests deeper than ${MAX_SCHEMA_DEPTH} levels at ${placeOf(context.path)}`);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches !== undefined) return fc.oneof(...branches.map((branch) => validValueAt(branch, context)));
  // Our documents do not use it, and merging its parts correctly (each closing its own properties) is not worth it yet.
  if (schema.allOf !== undefined) throw new Error(`allOf is not supported (at ${placeOf(context.path) || 'the root'})`);
  switch (schema.type) {
    case 'string':
      return stringValue(schema);
    case 'integer':
      return integerValue(schema);
    case 'number':
      return numberValue(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayValue(schema, context);
    case 'object':
      return objectValue(schema, context);
    case undefined:
      if (schema.properties !== undefined || schema.additionalProperties !== undefined) return objectValue(schema, context);
      if (schema.items !== undefined) return arrayValue(schema, context);
      return anyJson;
  }
}

/** A value the schema accepts (or a hinted one) at a place of a request. */
export function validValueAt(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<unknown> {
  const hinted = context.hints[placeOf(context.path)];
  if (hinted !== undefined) return hinted;
  const resolved = resolveSchema(context.document, schema);
  const value = fromSchema(resolved, context);
  return resolved.nullable === true ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 5, arbitrary: value }) : value;
}

/** Values valid against `schema`, hints taking the place of what the schema would give where they say. */
export function validValue(document: ApiDocument, schema: JsonSchema, hints: ValueHints = {}): fc.Arbitrary<unknown> {
  return validValueAt(schema, { document, hints, path: [] });
}
