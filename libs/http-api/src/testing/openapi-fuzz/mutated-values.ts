import fc from 'fast-check';
import { resolveSchema, type ApiDocument, type JsonSchema } from './api-document';
import {
  alphanumericOfLength,
  deeplyNested,
  EDGE_NUMBERS,
  hugeText,
  JSON_TYPE_SAMPLES,
  MAX_HUGE_LENGTH,
  ODD_KEYS,
  oddText,
  withOddText,
  withoutProperty,
  withProperty,
} from './odd-values';
import { anyJson, childContext, integerRange, numericBounds, placeOf, validValueAt, type SchemaContext, type ValueHints } from './valid-values';

/** A value that is wrong, or at least hostile, somewhere, and what was done to it. */
export interface Mutated {
  value: unknown;
  /** `retrySchedule.*: out of range`, for reports and statistics. */
  mutation: string;
}

type Weighted = fc.WeightedArbitrary<Mutated>;

// Long, but far below every body limit: 2,000 small items.
const LONGEST_ARRAY = 2000;

const FORMAT_BREAKERS: Record<string, readonly string[]> = {
  'date-time': ['yesterday', '2026-11-23', '2026-11-23T12:00:00', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-11-23T24:00:00Z', '2026-11-23 12:00:00Z', '+012026-11-23T12:00:00Z', '1e12'],
  date: ['yesterday', '2026-13-01', '2026-02-30', '20261123'],
  email: ['not-mail', 'a@', '@b.example', 'a b@c.example', 'a@b', 'a@@b.example'],
  uri: ['not a url', '/relative', 'https://', 'javascript:alert(1)', 'http://[::1', 'ftp://example.com/x'],
  url: ['not a url', '/relative', 'https://', 'javascript:alert(1)'],
  uuid: ['not-a-uuid', '00000000-0000-0000-0000-00000000000g'],
};

// Well-formed times at the edges of what a four-digit year and a ±23:59 offset can express.
const EDGE_TIMES = ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59-23:59', '0000-01-01T00:00:00+23:59', '1970-01-01T00:00:00Z', '2038-01-19T03:14:08Z'];

const here = (context: SchemaContext) => placeOf(context.path) || '(root)';
const labelled = (context: SchemaContext, what: string) => (value: unknown): Mutated => ({ value, mutation: `${here(context)}: ${what}` });
const option = (weight: number, arbitrary: fc.Arbitrary<Mutated>): Weighted => ({ weight, arbitrary });

/** The JSON types a schema accepts; undefined when it accepts any. */
function acceptedTypes(document: ApiDocument, schema: JsonSchema): Set<string> | undefined {
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches !== undefined) {
    const union = new Set<string>();
    for (const branch of branches) {
      const types = acceptedTypes(document, resolveSchema(document, branch));
      if (types === undefined) return undefined;
      for (const type of types) union.add(type);
    }
    if (schema.nullable === true) union.add('null');
    return union;
  }
  const type = schema.type ?? (schema.properties !== undefined ? 'object' : schema.items !== undefined ? 'array' : undefined);
  if (type === undefined) return undefined;
  const types = new Set<string>([type]);
  if (type === 'number') types.add('integer');
  if (schema.nullable === true) types.add('null');
  return types;
}

function wrongType(schema: JsonSchema, context: SchemaContext): Weighted[] {
  const accepted = acceptedTypes(context.document, schema);
  if (accepted === undefined) return [];
  const wrong = JSON_TYPE_SAMPLES.filter((sample) => !accepted.has(sample.type)).map((sample) => sample.value);
  return wrong.length === 0 ? [] : [option(2, fc.constantFrom(...wrong).map(labelled(context, 'wrong type')))];
}

function stringMutations(schema: JsonSchema, context: SchemaContext): Weighted[] {
  const valid = validValueAt(schema, context);
  const options: Weighted[] = [
    option(2, oddText.map(labelled(context, 'odd text'))),
    option(2, valid.chain((value) => (typeof value === 'string' ? withOddText(value) : oddText)).map(labelled(context, 'odd text inside a valid value'))),
    option(1, hugeText.map(labelled(context, 'huge string'))),
  ];
  if (schema.maxLength !== undefined && schema.maxLength < MAX_HUGE_LENGTH) {
    options.push(option(2, alphanumericOfLength(schema.maxLength + 1).map(labelled(context, `longer than ${schema.maxLength}`))));
  }
  if (schema.minLength !== undefined && schema.minLength > 0) {
    options.push(option(1, alphanumericOfLength(schema.minLength - 1).map(labelled(context, `shorter than ${schema.minLength}`))));
  }
  const breakers = schema.format === undefined ? undefined : FORMAT_BREAKERS[schema.format];
  if (breakers !== undefined) options.push(option(2, fc.constantFrom(...breakers).map(labelled(context, `not a ${schema.format ?? ''}`))));
  if (schema.format === 'date-time') options.push(option(1, fc.constantFrom(...EDGE_TIMES).map(labelled(context, 'edge of the representable times'))));
  if (schema.pattern !== undefined) {
    const broken = fc.oneof(fc.constantFrom(' ', '.', '..', 'a..b', '-', 'a b', '*'), valid.map((value) => `${String(value)} !`));
    options.push(option(2, broken.map(labelled(context, 'not matching the pattern'))));
  }
  return options;
}

function numberMutations(schema: JsonSchema, context: SchemaContext): Weighted[] {
  const integer = schema.type === 'integer';
  const options: Weighted[] = [option(2, fc.constantFrom(...EDGE_NUMBERS).map(labelled(context, 'edge number')))];
  const bounds = numericBounds(schema);
  const outside: number[] = [];
  if (integer) {
    const { min, max } = integerRange(schema);
    if (schema.minimum !== undefined || schema.exclusiveMinimum !== undefined) outside.push(min - 1);
    if (schema.maximum !== undefined || schema.exclusiveMaximum !== undefined) outside.push(max + 1);
    options.push(option(1, fc.constant(min + 0.5).map(labelled(context, 'fractional'))));
  } else {
    if (schema.minimum !== undefined || schema.exclusiveMinimum !== undefined) outside.push(bounds.minExcluded ? bounds.min : bounds.min - 1);
    if (schema.maximum !== undefined || schema.exclusiveMaximum !== undefined) outside.push(bounds.maxExcluded ? bounds.max : bounds.max + 1);
  }
  if (outside.length > 0) options.push(option(3, fc.constantFrom(...outside).map(labelled(context, 'out of range'))));
  options.push(option(1, validValueAt(schema, context).map((value) => String(value)).map(labelled(context, 'number as a string'))));
  return options;
}

function enumMutations(schema: JsonSchema, context: SchemaContext): Weighted[] {
  const allowed = schema.enum?.[0];
  const first = typeof allowed === 'string' ? allowed : JSON.stringify(allowed ?? '');
  const near = [first.toUpperCase(), ` ${first}`, `${first}\u0000`, 'unknown', ''].filter((value) => !(schema.enum ?? []).includes(value));
  return near.length === 0 ? [] : [option(3, fc.constantFrom(...near).map(labelled(context, 'not one of the enum')))];
}

function arrayMutations(schema: JsonSchema, context: SchemaContext): Weighted[] {
  const itemSchema = schema.items ?? {};
  const itemContext = childContext(context, '*');
  const item = validValueAt(itemSchema, itemContext);
  const options: Weighted[] = [];
  const { minItems = 0, maxItems } = schema;
  if (maxItems !== undefined && maxItems < LONGEST_ARRAY) {
    // One item repeated: the length is what is wrong, and building it stays cheap.
    options.push(option(2, item.map((value) => new Array<unknown>(maxItems + 1).fill(value)).map(labelled(context, `more than ${maxItems} items`))));
  }
  if (minItems > 0) options.push(option(1, fc.array(item, { maxLength: minItems - 1 }).map(labelled(context, `fewer than ${minItems} items`))));
  options.push(
    option(1, fc.tuple(item, fc.integer({ min: 300, max: LONGEST_ARRAY })).map(([value, length]) => new Array<unknown>(length).fill(value)).map(labelled(context, 'a very long array'))),
  );
  const nonEmpty = validValueAt(schema, context).filter((value): value is unknown[] => Array.isArray(value) && value.length > 0);
  options.push(option(1, nonEmpty.map((values) => [...values, values[0]]).map(labelled(context, 'a repeated item'))));
  const inner = mutatedValueAt(itemSchema, itemContext);
  const arrays = validValueAt(schema, context).map((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []));
  options.push(
    option(
      4,
      fc.tuple(arrays, inner, fc.nat()).map(([values, mutated, at]) => {
        const copy = [...values];
        copy.splice(values.length === 0 ? 0 : at % (values.length + 1), 0, mutated.value);
        return { value: copy, mutation: mutated.mutation };
      }),
    ),
  );
  return options;
}

function objectMutations(schema: JsonSchema, context: SchemaContext): Weighted[] {
  const properties = Object.entries(schema.properties ?? {});
  const objects = validValueAt(schema, context).map((value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}));
  const options: Weighted[] = [
    option(
      2,
      fc.tuple(objects, fc.constantFrom(...ODD_KEYS), anyJson).map(([object, key, value]) => ({
        value: withProperty(object, key, value),
        mutation: `${here(context)}: unknown property ${JSON.stringify(key.length > 20 ? `${key.slice(0, 20)}…` : key)}`,
      })),
    ),
  ];
  for (const name of schema.required ?? []) {
    options.push(option(1, objects.map((object) => withoutProperty(object, name)).map(labelled(context, `without the required ${name}`))));
  }
  if (properties.length > 0) {
    const perProperty = properties.map(([name, property]) =>
      fc.tuple(objects, mutatedValueAt(property, childContext(context, name))).map(([object, mutated]) => ({ value: withProperty(object, name, mutated.value), mutation: mutated.mutation })),
    );
    options.push(option(8, fc.oneof(...perProperty)));
  } else if (schema.additionalProperties !== false) {
    const entrySchema = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
    const entry = mutatedValueAt(entrySchema, childContext(context, '*'));
    options.push(
      option(4, fc.tuple(objects, entry).map(([object, mutated]) => ({ value: withProperty(object, 'x-fuzz', mutated.value), mutation: mutated.mutation }))),
      option(1, validValueAt(entrySchema, childContext(context, '*')).map((value) => Object.fromEntries(Array.from({ length: 200 }, (_, index) => [`k${index}`, value]))).map(labelled(context, '200 entries'))),
    );
  }
  return options;
}

/** A mutated value for a schema: something wrong at this place, or at one place inside it. */
export function mutatedValueAt(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<Mutated> {
  const resolved = resolveSchema(context.document, schema);
  const options: Weighted[] = [...wrongType(resolved, context)];
  const branches = resolved.oneOf ?? resolved.anyOf;
  if (branches !== undefined) {
    options.push(option(4, fc.oneof(...branches.map((branch) => mutatedValueAt(branch, context)))));
    const objectBranches = branches.map((branch) => resolveSchema(context.document, branch)).filter((branch) => branch.properties !== undefined);
    if (objectBranches.length > 1) {
      const merged = fc.tuple(...objectBranches.map((branch) => validValueAt(branch, context))).map((values) => Object.assign({}, ...values.map((value) => (typeof value === 'object' ? value : {}))) as unknown);
      options.push(option(2, merged.map(labelled(context, 'fields of several alternatives'))));
    }
  } else if (resolved.enum !== undefined) {
    options.push(...enumMutations(resolved, context));
  } else {
    const type = resolved.type ?? (resolved.properties !== undefined || resolved.additionalProperties !== undefined ? 'object' : resolved.items !== undefined ? 'array' : undefined);
    switch (type) {
      case 'string':
        options.push(...stringMutations(resolved, context));
        break;
      case 'integer':
      case 'number':
        options.push(...numberMutations(resolved, context));
        break;
      case 'array':
        options.push(...arrayMutations(resolved, context));
        break;
      case 'object':
        options.push(...objectMutations(resolved, context));
        break;
      case 'boolean':
      case 'null':
        break;
      case undefined:
        options.push(
          option(1, hugeText.map(labelled(context, 'huge string'))),
          option(2, oddText.map(labelled(context, 'odd text'))),
          option(1, fc.constantFrom(...EDGE_NUMBERS).map(labelled(context, 'edge number'))),
          option(1, fc.integer({ min: 300, max: LONGEST_ARRAY }).map((length) => Array.from({ length }, (_, index) => index)).map(labelled(context, 'a very long array'))),
          option(1, fc.tuple(fc.constantFrom(...ODD_KEYS), anyJson).map(([key, value]) => withProperty({}, key, value)).map(labelled(context, 'an odd key'))),
        );
        break;
    }
  }
  options.push(option(1, deeplyNested.map(labelled(context, 'nested 65+ levels deep'))));
  return fc.oneof(...options);
}

/** Mutated values for a schema: each wrong (or hostile) at one place, hinted values used around it. */
export function mutatedValue(document: ApiDocument, schema: JsonSchema, hints: ValueHints = {}): fc.Arbitrary<Mutated> {
  return mutatedValueAt(schema, { document, hints, path: [] });
}
