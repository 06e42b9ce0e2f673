import fc from 'fast-check';

/**
 * Text that breaks naive handling: what databases, JSON encoders, header writers, terminals and
 * bidirectional rendering trip over. Short, so a run stays fast; sizes are a mutation of their own.
 */
export const ODD_TEXT: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '\ud83d',
  '\u202eabc',
  'abc\u200f',
  '\u200e\u061c',
  '\ufeffbom',
  'zero\u200bwidth',
  '👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  '\uffff\ufffe',
  '\u{10ffff}',
  '\u{1f4a9}',
  '\r\n',
  'a\rb',
  'a\nX-Injected: 1',
  '\t',
  '\u0085\u2028\u2029',
  '\u001b[31mred\u001b[0m',
  '\u0007',
  '\u007f',
  '%00',
  '%ff%fe',
  '../../etc/passwd',
  '\\',
  "' OR '1'='1",
  '"; DROP TABLE subscriptions; --',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '   ',
  '',
  'ＡＢＣ',
  'İıß',
  'שלום עולם',
  'مرحبا',
  'a' + '\u0301'.repeat(200),
];

/** ODD_TEXT, or one of them placed inside ordinary text. */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ODD_TEXT),
  fc.tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...ODD_TEXT), fc.string({ maxLength: 12 })).map(([before, odd, after]) => `${before}${odd}${after}`),
);

/** Puts an odd piece of text somewhere inside a value that was fine. */
export function withOddText(text: string): fc.Arbitrary<string> {
  return fc.tuple(fc.nat({ max: text.length }), fc.constantFrom(...ODD_TEXT)).map(([at, odd]) => `${text.slice(0, at)}${odd}${text.slice(at)}`);
}

/** Upper bound of a huge string: big enough to hurt, small enough to stay under every body limit. */
export const MAX_HUGE_LENGTH = 64 * 1024;

/** A long string (4 KiB to 64 KiB of UTF-16) made of one repeated unit, which may be multi-byte or odd. */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 4096, max: MAX_HUGE_LENGTH }), fc.constantFrom('x', 'é', '中', '😀', 'a\u202e', 'ab '))
  .map(([length, unit]) => unit.repeat(Math.floor(length / unit.length)));

const ALPHANUMERIC = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];

/** A string of exactly `length` letters and digits, a short random chunk repeated: cheap at any size. */
export function alphanumericOfLength(length: number): fc.Arbitrary<string> {
  return fc
    .string({ unit: fc.constantFrom(...ALPHANUMERIC), minLength: 1, maxLength: 8 })
    .map((chunk) => chunk.repeat(Math.ceil(length / chunk.length)).slice(0, length));
}

/** Arrays or objects nested `depth` levels around a scalar: deeper than any server should recurse. */
export function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

export const deeplyNested: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 65, max: 400 }), fc.constantFrom<'array' | 'object'>('array', 'object'))
  .map(([depth, kind]) => nested(depth, kind));

/** Numbers at the edges of what JSON, JavaScript, Postgres integer and bigint columns can hold. */
export const EDGE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  0.5,
  1e-7,
  5e-324,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 - 1,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  2 ** 63,
  1e21,
  1.7976931348623157e308,
  -1.7976931348623157e308,
];

/** One value of every JSON type, to put where another type is expected. */
export const JSON_TYPE_SAMPLES: readonly { type: 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object'; value: unknown }[] = [
  { type: 'string', value: 'text' },
  { type: 'string', value: '42' },
  { type: 'string', value: 'true' },
  { type: 'integer', value: 42 },
  { type: 'number', value: 4.5 },
  { type: 'boolean', value: true },
  { type: 'null', value: null },
  { type: 'array', value: [] },
  { type: 'array', value: ['text', 1] },
  { type: 'object', value: {} },
  { type: 'object', value: { unexpected: 1 } },
];

/** Keys an object should not grow: prototype pollution, an empty key, odd text, a long key. */
export const ODD_KEYS: readonly string[] = ['unexpected', '__proto__', 'constructor', '', ' ', 'a.b', 'k\u0000', 'k\ud800', '\u202ekey', 'k'.repeat(1024)];

/** A copy of `object` with an own, enumerable `key` even when the key is `__proto__`. */
export function withProperty(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A copy of `object` without `key`. */
export function withoutProperty(object: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));
}
