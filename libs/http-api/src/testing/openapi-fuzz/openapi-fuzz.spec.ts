import fc from 'fast-check';
import { apiOperations, asApiDocument, type ApiDocument, type ApiOperation } from './api-document';
import { encodePathSegment, fuzzRequest, mutatedRequest, toHttpRequest, validRequest, type FuzzRequest } from './request-arbitrary';
import { RequestSchemas } from './request-schemas';
import { validValue } from './valid-values';

const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/** Every construct the generator claims to understand, in the shapes our services publish them. */
const document: ApiDocument = asApiDocument({
  openapi: '3.0.0',
  paths: {
    '/v1/widgets': {
      get: {
        parameters: [
          { name: 'limit', in: 'query', required: false, schema: { default: 50, type: 'integer', minimum: 1, maximum: 250 } },
          { name: 'cursor', in: 'query', required: false, schema: { type: 'string', maxLength: 200 } },
          { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['on', 'off'] } },
          { name: 'since', in: 'query', required: false, schema: { type: 'string', format: 'date-time' } },
        ],
        responses: { 200: { description: 'ok' }, 422: { description: 'bad', content: problem } },
        security: [{ apiKey: [] }],
      },
      post: {
        requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/Widget' } } } },
        responses: { 201: { description: 'created' } },
        security: [{ adminToken: [] }],
      },
    },
    '/v1/widgets/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { responses: { 200: { description: 'ok' } } },
      patch: {
        parameters: [{ $ref: '#/components/parameters/Trace' }],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/WidgetPatch' } } } },
        responses: { 200: { description: 'ok' } },
      },
    },
  },
  components: {
    parameters: { Trace: { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{8}$' } } },
    schemas: {
      Problem: { type: 'object', properties: { type: { type: 'string' } } },
      Circle: {
        type: 'object',
        properties: { mode: { type: 'string', enum: ['circle'] }, radius: { type: 'number', minimum: 0, maximum: 10, exclusiveMinimum: true } },
        required: ['mode', 'radius'],
        additionalProperties: false,
      },
      Square: {
        type: 'object',
        properties: { mode: { type: 'string', enum: ['square'] }, side: { type: 'integer', minimum: 1, maximum: 1000, multipleOf: 5 } },
        required: ['mode'],
        additionalProperties: false,
      },
      Name: { $ref: '#/components/schemas/SegmentedName' },
      SegmentedName: { type: 'string', minLength: 1, maxLength: 60, pattern: '^[a-zA-Z0-9_]+(\\.[a-zA-Z0-9_]+)*$' },
      Widget: {
        type: 'object',
        properties: {
          name: { $ref: '#/components/schemas/Name' },
          email: { nullable: true, type: 'string', maxLength: 320, format: 'email' },
          homepage: { type: 'string', format: 'uri' },
          startsAt: { type: 'string', format: 'date-time' },
          size: { type: 'integer', minimum: 0, maximum: 10, exclusiveMinimum: true },
          ratio: { type: 'number', minimum: 0, maximum: 1, exclusiveMaximum: true },
          tags: { type: 'array', items: { type: 'string', maxLength: 8 }, minItems: 1, maxItems: 3, uniqueItems: true },
          labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 5 } },
          shape: { oneOf: [{ $ref: '#/components/schemas/Circle' }, { $ref: '#/components/schemas/Square' }] },
          either: { anyOf: [{ type: 'string', maxLength: 3 }, { type: 'integer' }] },
          token: { type: 'string', pattern: '^[\\x21-\\x7e]+$', minLength: 1, maxLength: 12 },
          anything: {},
          description: { nullable: true, type: 'string', maxLength: 2000 },
        },
        required: ['name', 'shape'],
        additionalProperties: false,
      },
      WidgetPatch: {
        type: 'object',
        properties: { size: { type: 'integer', minimum: 1, maximum: 5 }, note: { type: 'string' } },
        additionalProperties: false,
      },
    },
  },
});

const operations = apiOperations(document);
const operation = (key: string): ApiOperation => {
  const found = operations.find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(`no ${key}`);
  return found;
};
const schemas = new RequestSchemas(document);
const sample = (arbitrary: fc.Arbitrary<FuzzRequest>, seed = 7) => fc.sample(arbitrary, { numRuns: 300, seed });

describe('apiOperations', () => {
  it('lists every operation with path-level parameters merged, $refs resolved and the body it takes', () => {
    expect(operations.map((op) => op.key)).toEqual(['GET /v1/widgets', 'POST /v1/widgets', 'GET /v1/widgets/{id}', 'PATCH /v1/widgets/{id}']);
    expect(operation('PATCH /v1/widgets/{id}').parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual(['path:id', 'header:X-Trace']);
    expect(operation('POST /v1/widgets').body).toEqual({ schema: { $ref: '#/components/schemas/Widget' }, required: false });
    expect(operation('PATCH /v1/widgets/{id}').body?.required).toBe(true);
    expect(operations.map((op) => op.security)).toEqual([['apiKey'], ['adminToken'], [], []]);
  });

  it('refuses what is not an OpenAPI 3 document', () => {
    expect(() => asApiDocument({ swagger: '2.0', paths: {} })).toThrow(/not an OpenAPI 3 document/);
  });
});

describe('valid requests', () => {
  it.each(operations.map((op) => [op.key, op] as const))('%s: every one satisfies the documented request schema', (_key, op) => {
    const invalid = sample(validRequest(document, op)).flatMap((request) => {
      const errors = schemas.errors(op, request.parts);
      return errors === null ? [] : [{ parts: request.parts, errors }];
    });
    expect(invalid.slice(0, 3)).toEqual([]);
  });

  it('cover the alternatives a schema allows: null, each oneOf branch, optional fields and bodies, formats', () => {
    const bodies = sample(validRequest(document, operation('POST /v1/widgets')), 11).map((request) => request.parts.body as Record<string, unknown> | undefined);
    const widgets = bodies.filter((body): body is Record<string, unknown> => body !== undefined);
    expect(bodies.length - widgets.length).toBeGreaterThan(10);
    expect(widgets.some((widget) => widget.email === null)).toBe(true);
    expect(widgets.some((widget) => typeof widget.email === 'string' && /@/.test(widget.email))).toBe(true);
    expect(new Set(widgets.map((widget) => (widget.shape as { mode: string }).mode))).toEqual(new Set(['circle', 'square']));
    expect(widgets.some((widget) => !('homepage' in widget)) && widgets.some((widget) => typeof widget.homepage === 'string')).toBe(true);
    expect(widgets.every((widget) => widget.size === undefined || (widget.size as number) >= 1)).toBe(true);
    expect(widgets.some((widget) => widget.size === 10)).toBe(true);
    expect(widgets.every((widget) => /^[a-zA-Z0-9_]+(\.[a-zA-Z0-9_]+)*$/.test(widget.name as string))).toBe(true);
  });

  it('use hints in place of what the schema would give: ids that exist, values in the form the server wants', () => {
    const hints = { path: { id: fc.constantFrom('wid_1', 'wid_2') }, body: { note: fc.constant('hinted'), size: fc.constant(3) } };
    const requests = sample(validRequest(document, operation('PATCH /v1/widgets/{id}'), hints));
    expect(new Set(requests.map((request) => request.parts.path.id))).toEqual(new Set(['wid_1', 'wid_2']));
    const bodies = requests.map((request) => request.parts.body as Record<string, unknown>);
    expect(bodies.every((body) => body.note === undefined || body.note === 'hinted')).toBe(true);
    expect(bodies.some((body) => body.size === 3)).toBe(true);
    expect(fc.sample(validValue(document, { type: 'object', properties: { items: { type: 'array', items: { type: 'string' } } }, required: ['items'] }, { 'items.*': fc.constant('x') }), 50)).toEqual(
      expect.arrayContaining([{ items: expect.arrayContaining(['x']) }]),
    );
  });

  it('fail loudly on a pattern the generator cannot produce, and on a $ref it cannot resolve', () => {
    expect(() => validValue(document, { type: 'string', pattern: '(?<=a)b' })).toThrow(/cannot generate strings for the pattern \(\?<=a\)b/);
    expect(() => validValue(document, { $ref: '#/components/schemas/Missing' })).toThrow(/cannot resolve #\/components\/schemas\/Missing/);
  });
});

describe('mutated requests', () => {
  it.each(operations.filter((op) => op.key !== 'GET /v1/widgets/{id}').map((op) => [op.key, op] as const))('%s: most break the documented request schema', (_key, op) => {
    const refused = sample(mutatedRequest(document, op)).filter((request) => schemas.errors(op, request.parts) !== null);
    expect(refused.length / 300).toBeGreaterThan(0.5);
  });

  it('break one place at a time, in every way: types, required fields, unknown fields, bounds, sizes, text', () => {
    const mutations = [operation('POST /v1/widgets'), operation('PATCH /v1/widgets/{id}'), operation('GET /v1/widgets')]
      .flatMap((op) => fc.sample(mutatedRequest(document, op), { numRuns: 1500, seed: 3 }))
      .map((request) => request.mutation ?? '');
    const kinds = [
      /^body\.[a-z.*]+: wrong type$/,
      /^body: without the required (name|shape)$/,
      /^body: unknown property "__proto__"$/,
      /^body\.size: out of range$/,
      /^body\.tags: more than 3 items$/,
      /^body\.tags: a repeated item$/,
      /^body\.shape: fields of several alternatives$/,
      /^body\.size: fractional$/,
      /^body\.shape\.(mode|radius|side): /,
      /^body\.name: not matching the pattern$/,
      /^body\.email: not a email$/,
      /^body\.startsAt: edge of the representable times$/,
      /^body\.[a-z]+: huge string$/,
      /^body\.[a-z]+: odd text/,
      /^body\.labels\.\*: longer than 5$/,
      /^body\.anything: nested 65\+ levels deep$/,
      /^body: missing$/,
      /^path\.id: /,
      /^header\.X-Trace: /,
      /^query\.(limit|cursor|status|since): /,
    ];
    expect(kinds.filter((kind) => !mutations.some((mutation) => kind.test(mutation))).map(String)).toEqual([]);
  });

  it('keep the other places valid: a path mutation leaves a valid body', () => {
    const op = operation('PATCH /v1/widgets/{id}');
    const pathOnly = fc.sample(mutatedRequest(document, op), { numRuns: 500, seed: 5 }).filter((request) => request.mutation?.startsWith('path.'));
    expect(pathOnly.length).toBeGreaterThan(20);
    for (const request of pathOnly) expect(schemas.errors(op, { ...request.parts, path: { id: 'fine' } })).toBeNull();
  });
});

describe('toHttpRequest', () => {
  it('puts every generated request on the wire: segments encoded, no dot segments, headers fetch can send', () => {
    for (const op of operations) {
      for (const request of sample(fuzzRequest(document, op), 13)) {
        const http = toHttpRequest(request);
        const url = new URL(http.path, 'http://127.0.0.1');
        expect(url.pathname.split('/').length).toBe(op.path.split('/').length);
        expect(() => new Headers(http.headers)).not.toThrow();
        if (http.body !== undefined) expect(JSON.parse(http.body)).toEqual(JSON.parse(JSON.stringify(request.parts.body)));
      }
    }
  });

  it('encodes text byte by byte, unpaired surrogates as U+FFFD, and repeats array query values', () => {
    expect(encodePathSegment('a/b c?é')).toBe('a%2Fb%20c%3F%C3%A9');
    expect(encodePathSegment('x\ud800')).toBe('x%EF%BF%BD');
    const http = toHttpRequest({
      operation: operation('GET /v1/widgets'),
      mode: 'mutated',
      mutation: 'query.status: repeated',
      parts: { path: {}, query: { status: ['on', 'off'], limit: 5, cursor: undefined }, headers: {} },
    });
    expect(http).toEqual({ method: 'GET', path: '/v1/widgets?status=on&status=off&limit=5', headers: {}, body: undefined });
  });

  it('mixes valid and mutated requests, valid ones first', () => {
    const modes = sample(fuzzRequest(document, operation('POST /v1/widgets'))).map((request) => request.mode);
    const valid = modes.filter((mode) => mode === 'valid').length;
    expect(valid).toBeGreaterThan(modes.length / 2);
    expect(valid).toBeLessThan(modes.length);
  });
});
