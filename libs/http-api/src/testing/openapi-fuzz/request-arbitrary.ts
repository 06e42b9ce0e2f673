import fc from 'fast-check';
import type { ApiDocument, ApiOperation, ApiParameter } from './api-document';
import { mutatedValueAt, type Mutated } from './mutated-values';
import { alphanumericOfLength, ODD_TEXT, oddText } from './odd-values';
import { validValueAt, type SchemaContext, type ValueHints } from './valid-values';

/** A request before it is put on the wire: typed values, so they can be checked against the document. */
export interface RequestParts {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  /** Absent when the request has no body. */
  body?: unknown;
}

export interface FuzzRequest {
  operation: ApiOperation;
  mode: 'valid' | 'mutated';
  /** What was broken, for mutated requests: `body.url: odd text`, `query.limit: out of range`. */
  mutation: string | null;
  parts: RequestParts;
}

/** What to send: the path with its query, string headers, and the JSON text of the body. */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * Values a caller knows to be good for one operation, used in valid requests and around the broken
 * place of mutated ones. Path parameters are how requests reach existing resources; body hints are
 * keyed by place in the body (`url`, `eventTypes`, `events.*.type`).
 */
export interface OperationHints {
  path?: Record<string, fc.Arbitrary<string>>;
  query?: Record<string, fc.Arbitrary<unknown>>;
  headers?: Record<string, fc.Arbitrary<string>>;
  body?: ValueHints;
}

export interface FuzzOptions {
  hints?: OperationHints;
  /** Relative weights of valid and mutated requests in `fuzzRequest`: 3 to 2 unless told. */
  validWeight?: number;
  mutatedWeight?: number;
}

type Location = 'path' | 'query' | 'header';

const parametersIn = (operation: ApiOperation, location: Location) => operation.parameters.filter((parameter) => parameter.in === location);

// '', '.' and '..' cannot be one path segment: URL parsing drops or folds them into another route.
const isSegment = (value: string) => value !== '' && value !== '.' && value !== '..';
// What fetch can put in a header value, minus edge whitespace it would trim.
const isHeaderSafe = (value: string) => /^[\x21-\x7e\x80-\xff]([\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?$/.test(value);

const context = (document: ApiDocument, location: string, hints: ValueHints = {}): SchemaContext => ({ document, hints, path: location === 'body' ? [] : [location] });

function parameterValue(document: ApiDocument, parameter: ApiParameter, hint: fc.Arbitrary<unknown> | undefined): fc.Arbitrary<unknown> {
  if (hint !== undefined) return hint;
  const value = validValueAt(parameter.schema ?? { type: 'string' }, context(document, parameter.in));
  if (parameter.in === 'path') return value.filter((v) => isSegment(wireText(v)));
  if (parameter.in === 'header') return value.filter((v) => isHeaderSafe(wireText(v)));
  return value;
}

function parameterRecord(document: ApiDocument, parameters: ApiParameter[], hints: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const parameter of parameters) model[parameter.name] = parameterValue(document, parameter, hints[parameter.name]);
  const required = parameters.filter((parameter) => parameter.in === 'path' || parameter.required === true).map((parameter) => parameter.name);
  return fc.record(model, { requiredKeys: required });
}

function validParts(document: ApiDocument, operation: ApiOperation, hints: OperationHints): fc.Arbitrary<RequestParts> {
  const body =
    operation.body === null
      ? fc.constant(undefined)
      : operation.body.required
        ? validValueAt(operation.body.schema, context(document, 'body', hints.body))
        : fc.option(validValueAt(operation.body.schema, context(document, 'body', hints.body)), { nil: undefined, freq: 4 });
  return fc
    .record({
      path: parameterRecord(document, parametersIn(operation, 'path'), hints.path),
      query: parameterRecord(document, parametersIn(operation, 'query'), hints.query),
      headers: parameterRecord(document, parametersIn(operation, 'header'), hints.headers),
      body,
    })
    .map(({ body: value, ...rest }) => (value === undefined ? rest : { ...rest, body: value }));
}

/** What may stand in a path segment, broken: never a dot segment, never so long the request line overflows. */
const brokenSegment: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(...ODD_TEXT),
    oddText,
    fc.integer({ min: 100, max: 2000 }).chain(alphanumericOfLength),
    fc.constantFrom('sub_00000000000000000000000000', 'evt_7ZZZZZZZZZZZZZZZZZZZZZZZZZ', 'dlv_', '0', '-1', ' a ', 'a/b', 'a?b#c', '%', '%2e%2e', '*'),
  )
  .filter(isSegment);

/** Query values as the wire has them (text), wrong for the parameter or hostile. */
const brokenQueryValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', 'abc', '-1', '0', '1.5', '1e400', '99999999999999999999', 'true', 'null', '[]', '{}', 'yesterday', '2026-02-30T00:00:00Z'),
  oddText,
  fc.integer({ min: 100, max: 2000 }).chain(alphanumericOfLength),
  fc.array(fc.constantFrom('1', 'a', ''), { minLength: 2, maxLength: 3 }),
);

/** Header values fetch can still send: empty, spaced, Latin-1, quoted, long. Raw bytes need a socket. */
const brokenHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'has space', 'tab\there', 'caf\u00e9', '"quoted"', 'a,b', '=', '\\', '\u00ff\u00fe'),
  fc.integer({ min: 256, max: 4096 }).chain(alphanumericOfLength),
);

interface PartsMutation {
  apply(parts: RequestParts): RequestParts;
  mutation: string;
}

function parameterMutation(location: Location, parameter: ApiParameter, document: ApiDocument, values: fc.Arbitrary<unknown>): fc.Arbitrary<PartsMutation> {
  const key = location === 'header' ? 'headers' : location;
  const typed = location === 'query' ? fc.oneof({ weight: 2, arbitrary: values }, { weight: 1, arbitrary: schemaMutatedText(document, parameter) }) : values;
  return typed.map((value) => ({
    apply: (parts) => ({ ...parts, [key]: { ...parts[key], [parameter.name]: value } }),
    mutation: `${location}.${parameter.name}: ${printed(value)}`,
  }));
}

/** A schema-aware mutation of a query parameter (out of range, not in the enum…), as wire text. */
function schemaMutatedText(document: ApiDocument, parameter: ApiParameter): fc.Arbitrary<unknown> {
  return mutatedValueAt(parameter.schema ?? { type: 'string' }, context(document, 'query'))
    .map((mutated) => mutated.value)
    .filter((value) => typeof value !== 'object' || value === null)
    .map((value) => (typeof value === 'string' ? value : wireText(value)))
    // Long values only in ASCII: percent-encoded, long non-ASCII text would overflow the request line.
    .filter((value) => value.length <= 64 || (value.length <= 2000 && /^[\x20-\x7e]*$/.test(value)));
}

/** A value as a mutation names it: quoted when short, by its length when long. */
function printed(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
  return text.length > 40 ? `${text.length} characters` : JSON.stringify(text);
}

function mutatedParts(document: ApiDocument, operation: ApiOperation, hints: OperationHints): fc.Arbitrary<RequestParts & { mutation: string }> {
  const choices: fc.WeightedArbitrary<PartsMutation>[] = [];
  const body = operation.body;
  if (body !== null) {
    const broken: fc.Arbitrary<PartsMutation> = mutatedValueAt(body.schema, context(document, 'body', hints.body)).map((mutated: Mutated) => ({
      apply: (parts) => ({ ...parts, body: mutated.value }),
      mutation: `body${mutated.mutation.startsWith('(root)') ? mutated.mutation.slice('(root)'.length) : `.${mutated.mutation}`}`,
    }));
    choices.push({ weight: 6, arbitrary: broken });
    if (body.required) choices.push({ weight: 1, arbitrary: fc.constant<PartsMutation>({ apply: ({ body: _body, ...rest }) => rest, mutation: 'body: missing' }) });
  }
  const path = parametersIn(operation, 'path');
  if (path.length > 0) choices.push({ weight: 3, arbitrary: fc.oneof(...path.map((parameter) => parameterMutation('path', parameter, document, brokenSegment))) });
  const query = parametersIn(operation, 'query');
  if (query.length > 0) choices.push({ weight: 3, arbitrary: fc.oneof(...query.map((parameter) => parameterMutation('query', parameter, document, brokenQueryValue))) });
  const headers = parametersIn(operation, 'header');
  if (headers.length > 0) choices.push({ weight: 1, arbitrary: fc.oneof(...headers.map((parameter) => parameterMutation('header', parameter, document, brokenHeaderValue))) });
  if (choices.length === 0) throw new Error(`${operation.key} takes no input to mutate`);
  return fc.tuple(validParts(document, operation, hints), fc.oneof(...choices)).map(([parts, change]) => ({ ...change.apply(parts), mutation: change.mutation }));
}

/** Whether the operation takes any input at all: an operation without one has nothing to mutate. */
export function takesInput(operation: ApiOperation): boolean {
  return operation.body !== null || operation.parameters.some((parameter) => parameter.in !== 'cookie');
}

/** Requests the document says are valid (hinted values where given), to reach the business logic. */
export function validRequest(document: ApiDocument, operation: ApiOperation, hints: OperationHints = {}): fc.Arbitrary<FuzzRequest> {
  return validParts(document, operation, hints).map((parts) => ({ operation, mode: 'valid' as const, mutation: null, parts }));
}

/** Requests broken (or hostile) at one place: a body field, a path segment, a query value or a header. */
export function mutatedRequest(document: ApiDocument, operation: ApiOperation, hints: OperationHints = {}): fc.Arbitrary<FuzzRequest> {
  return mutatedParts(document, operation, hints).map(({ mutation, ...parts }) => ({ operation, mode: 'mutated' as const, mutation, parts }));
}

/** Valid and mutated requests mixed, 3 to 2 unless told; an operation without input gets valid ones only. */
export function fuzzRequest(document: ApiDocument, operation: ApiOperation, options: FuzzOptions = {}): fc.Arbitrary<FuzzRequest> {
  const valid = validRequest(document, operation, options.hints);
  if (!takesInput(operation)) return valid;
  return fc.oneof({ weight: options.validWeight ?? 3, arbitrary: valid }, { weight: options.mutatedWeight ?? 2, arbitrary: mutatedRequest(document, operation, options.hints) });
}

/** A value as query or path text: strings as they are, other scalars printed, the rest as JSON. */
export function wireText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return '';
  return JSON.stringify(value) ?? '';
}

/**
 * Percent-encodes a path segment byte by byte. Unlike encodeURIComponent it never throws: an unpaired
 * surrogate goes out as the UTF-8 of U+FFFD, which is what any client would send.
 */
export function encodePathSegment(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** The request as it goes on the wire. */
export function toHttpRequest(request: FuzzRequest): HttpRequest {
  const { operation, parts } = request;
  const path = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => encodePathSegment(wireText(parts.path[name])));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parts.query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) query.append(name, wireText(item));
  }
  const headers = Object.fromEntries(Object.entries(parts.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, wireText(value)]])));
  const search = query.toString();
  return {
    method: operation.method.toUpperCase(),
    path: search === '' ? path : `${path}?${search}`,
    headers,
    body: 'body' in parts && parts.body !== undefined ? JSON.stringify(parts.body) : undefined,
  };
}
