import type { Socket } from 'node:net';
import { Body, Controller, Get, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { answerClientError, clientErrorAnswer, HTTP_SERVER_OPTIONS, MAX_PATH_PARAMETER_LENGTH } from './http-server-options';
import { acceptJsonBodiesOnly } from './json-body';
import { ProblemFilter } from './problem.filter';

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() body: unknown): unknown {
    return { received: body };
  }

  @Get(':id')
  read(@Param('id') id: string): unknown {
    return { id };
  }
}

@Module({ controllers: [ThingsController], providers: [{ provide: APP_FILTER, useClass: ProblemFilter }] })
class ThingsModule {}

/** What reaches the services before any handler: JSON bodies, path parameters, and broken HTTP itself. */
describe('HTTP input before the handlers', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ imports: [ThingsModule] }).compile();
    app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ ...HTTP_SERVER_OPTIONS }), { logger: false, bodyParser: false });
    acceptJsonBodiesOnly(app.getHttpAdapter().getInstance());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  const inject = (app: INestApplication, options: { method: 'GET' | 'POST'; url: string; payload?: Buffer | string; contentType?: string }) =>
    (app as NestFastifyApplication).getHttpAdapter().getInstance().inject({
      method: options.method,
      url: options.url,
      ...(options.payload === undefined ? {} : { payload: options.payload, headers: { 'content-type': options.contentType ?? 'application/json' } }),
    });

  const problemOf = (response: { statusCode: number; headers: Record<string, unknown>; body: string }) => ({
    status: response.statusCode,
    contentType: response.headers['content-type'],
    body: JSON.parse(response.body) as unknown,
  });

  describe('a JSON body', () => {
    it('is parsed when it is UTF-8, non-ASCII text included', async () => {
      const response = await inject(app, { method: 'POST', url: '/things', payload: Buffer.from('{"name":"Ünïcødé ✓ 😀"}', 'utf8') });
      expect(response.statusCode).toBe(201);
      expect(JSON.parse(response.body)).toEqual({ received: { name: 'Ünïcødé ✓ 😀' } });
    });

    // Decoding with replacement would have stored U+FFFD where the caller sent something else.
    it.each<[string, number[]]>([
      ['a lone continuation byte', [0x80]],
      ['a 0xFF byte', [0xff]],
      ['a truncated three-byte sequence', [0xe2, 0x82]],
      ['an overlong encoding of "/"', [0xc0, 0xaf]],
      ['an encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80]],
    ])('with %s inside a string is a 400 malformed-json', async (_label, bytes) => {
      const payload = Buffer.concat([Buffer.from('{"name":"a'), Buffer.from(bytes), Buffer.from('b"}')]);
      expect(problemOf(await inject(app, { method: 'POST', url: '/things', payload }))).toEqual({
        status: 400,
        contentType: expect.stringContaining('application/problem+json'),
        body: expect.objectContaining({ type: 'urn:hookline:problem:malformed-json', status: 400, detail: 'the body is not valid UTF-8' }),
      });
    });

    it('that is not JSON, or empty, is still a 400 malformed-json', async () => {
      for (const payload of ['{"name":', '']) {
        const response = await inject(app, { method: 'POST', url: '/things', payload });
        expect(problemOf(response)).toMatchObject({ status: 400, body: { type: 'urn:hookline:problem:malformed-json' } });
      }
    });

    it('with a __proto__ key is refused, as by Fastify’s own parser', async () => {
      const response = await inject(app, { method: 'POST', url: '/things', payload: '{"__proto__":{"admin":true}}' });
      expect(problemOf(response)).toMatchObject({ status: 400, body: { type: 'urn:hookline:problem:malformed-json' } });
    });

    it('over the body limit is still a 413', async () => {
      const payload = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
      expect(problemOf(await inject(app, { method: 'POST', url: '/things', payload }))).toMatchObject({ status: 413, body: { type: 'urn:hookline:problem:payload-too-large' } });
    });

    it('sent as text/plain is a 415', async () => {
      const response = await inject(app, { method: 'POST', url: '/things', payload: '{}', contentType: 'text/plain' });
      expect(problemOf(response)).toMatchObject({ status: 415, body: { type: 'urn:hookline:problem:unsupported-media-type' } });
    });
  });

  describe('a path parameter', () => {
    it('as long as an event type name may be reaches its route', async () => {
      const name = 'a'.repeat(255);
      expect(JSON.parse((await inject(app, { method: 'GET', url: `/things/${name}` })).body)).toEqual({ id: name });
    });

    it.each([
      ['longer than any id or name', `/things/${'a'.repeat(MAX_PATH_PARAMETER_LENGTH + 1)}`],
      ['that is not percent-encoded UTF-8', '/things/%FF'],
      ['with a broken percent escape', '/things/abc%2'],
    ])('%s is a 404 problem, not Fastify’s own JSON', async (_label, url) => {
      expect(problemOf(await inject(app, { method: 'GET', url }))).toEqual({
        status: 404,
        contentType: expect.stringContaining('application/problem+json'),
        body: expect.objectContaining({ type: 'urn:hookline:problem:not-found', status: 404 }),
      });
    });
  });

  describe('a request Node’s HTTP parser refuses', () => {
    const parseError = (code: string, reason: string) => Object.assign(new Error(`Parse Error: ${reason}`), { code, reason });
    const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown;

    it('is a 400 problem naming what the parser saw, with a Content-Length that fits', () => {
      const answer = clientErrorAnswer(parseError('HPE_INVALID_HEADER_TOKEN', 'Invalid header value char'));
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
      expect(answer).toContain('Content-Type: application/problem+json\r\n');
      expect(bodyOf(answer)).toEqual(expect.objectContaining({ type: 'urn:hookline:problem:malformed-request', status: 400, detail: 'the request cannot be parsed: Invalid header value char' }));
      const length = Number(/Content-Length: (\d+)/.exec(answer)?.[1]);
      expect(length).toBe(Buffer.byteLength(answer.slice(answer.indexOf('\r\n\r\n') + 4)));
    });

    it('is a 431 problem when the request line and headers are too large', () => {
      const answer = clientErrorAnswer(parseError('HPE_HEADER_OVERFLOW', 'Header overflow'));
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
      expect(bodyOf(answer)).toEqual(expect.objectContaining({ type: 'urn:hookline:problem:headers-too-large', status: 431 }));
    });

    it('is answered once, then the connection is closed; a reset connection is left alone', () => {
      const socket = (destroyed: boolean) => ({ destroyed, writable: !destroyed, write: jest.fn(), destroy: jest.fn() });
      const open = socket(false);
      answerClientError(parseError('HPE_CR_EXPECTED', 'Missing expected CR after header value'), open as unknown as Socket);
      expect(open.write).toHaveBeenCalledTimes(1);
      expect(String(open.write.mock.calls[0]?.[0])).toMatch(/^HTTP\/1\.1 400 /);
      expect(open.destroy).toHaveBeenCalledTimes(1);

      const reset = socket(false);
      answerClientError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), reset as unknown as Socket);
      expect(reset.write).not.toHaveBeenCalled();
      const gone = socket(true);
      answerClientError(parseError('HPE_INVALID_METHOD', 'Invalid method encountered'), gone as unknown as Socket);
      expect(gone.write).not.toHaveBeenCalled();
    });
  });
});
