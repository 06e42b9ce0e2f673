import { Controller, Get, Global, Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { LightMyRequestResponse } from 'fastify';
import { DataSource } from 'typeorm';
import { corsOptions } from '@hookline/http-api';
import { createServiceMetrics, SERVICE_METRICS } from '@hookline/observability';
import { generateApiKeyToken, hashApiKeyToken } from './api-key-token';
import { CurrentPrincipal } from './auth.guard';
import { HttpApiModule } from './http-api.module';
import { RequireAuth, type Principal } from './principal';

const CONSOLE_ORIGIN = 'http://127.0.0.1:8080';
const GOOD_KEY = generateApiKeyToken();
const LIMIT = 2;

@Controller('v1/events')
class EventsController {
  @Get()
  @RequireAuth('tenant')
  list(@CurrentPrincipal() principal: Principal): { tenantId: string } {
    return { tenantId: principal.tenantId };
  }
}

/** Stands in for Postgres (one known key) and the service's metrics registry, fresh for each app. */
function infrastructure() {
  const dataSource = {
    query: async (_sql: string, [hash]: string[]) => (hash === hashApiKeyToken(GOOD_KEY) ? [{ id: 'key_1', tenant_id: 'ten_1' }] : []),
  };
  @Global()
  @Module({
    providers: [
      { provide: DataSource, useValue: dataSource },
      { provide: SERVICE_METRICS, useValue: createServiceMetrics('spec') },
    ],
    exports: [DataSource, SERVICE_METRICS],
  })
  class InfrastructureModule {}
  return InfrastructureModule;
}

async function startApp(origins: readonly string[]): Promise<NestFastifyApplication> {
  const module = await Test.createTestingModule({
    imports: [infrastructure(), HttpApiModule.forRoot({ failureLimits: { limit: LIMIT, windowSeconds: 60 } })],
    controllers: [EventsController],
  }).compile();
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  // As startHttpService does with HOOKLINE_CORS_ORIGINS.
  const options = corsOptions(origins);
  if (options !== null) app.enableCors(options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const corsHeaders = (response: LightMyRequestResponse) =>
  Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.startsWith('access-control-')));

describe('CORS (HOOKLINE_CORS_ORIGINS)', () => {
  let app: NestFastifyApplication;

  const preflight = (origin: string, remoteAddress = '203.0.113.7') =>
    app.inject({
      method: 'OPTIONS',
      url: '/v1/events?type=order.created',
      remoteAddress,
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });

  const get = (token: string, origin?: string, remoteAddress = '203.0.113.7') =>
    app.inject({
      method: 'GET',
      url: '/v1/events',
      remoteAddress,
      headers: { authorization: `Bearer ${token}`, ...(origin === undefined ? {} : { origin }) },
    });

  describe('with origins listed', () => {
    beforeEach(async () => {
      app = await startApp([CONSOLE_ORIGIN, 'http://localhost:8080']);
    });

    afterEach(() => app.close());

    it('answers a preflight from a listed origin with the allowed methods, headers and max age', async () => {
      const response = await preflight(CONSOLE_ORIGIN);
      expect(response.statusCode).toBe(204);
      expect(corsHeaders(response)).toEqual({
        'access-control-allow-origin': CONSOLE_ORIGIN,
        'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type, idempotency-key',
        'access-control-expose-headers': 'retry-after, location',
        'access-control-max-age': '600',
      });
      expect(response.headers.vary).toContain('Origin');
      expect((await preflight('http://localhost:8080')).headers['access-control-allow-origin']).toBe('http://localhost:8080');
    });

    it.each(['https://evil.example', 'http://127.0.0.1:8081', 'http://127.0.0.1:8080.evil.example', 'null'])(
      'gives a preflight from %s no CORS header at all',
      async (origin) => {
        const response = await preflight(origin);
        expect(response.statusCode).toBe(404);
        expect(corsHeaders(response)).toEqual({});
      },
    );

    it('lets a listed origin read answers, errors included, and the headers a client needs', async () => {
      const ok = await get(GOOD_KEY, CONSOLE_ORIGIN);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ tenantId: 'ten_1' });
      expect(corsHeaders(ok)).toEqual({ 'access-control-allow-origin': CONSOLE_ORIGIN, 'access-control-expose-headers': 'retry-after, location' });
      // A console signs out on a 401, so it must be able to read one.
      const refused = await get(generateApiKeyToken(), CONSOLE_ORIGIN);
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['access-control-allow-origin']).toBe(CONSOLE_ORIGIN);
    });

    it('adds nothing for a request from another origin, or from no browser at all', async () => {
      expect(corsHeaders(await get(GOOD_KEY, 'https://evil.example'))).toEqual({});
      const direct = await get(GOOD_KEY);
      expect(direct.statusCode).toBe(200);
      expect(corsHeaders(direct)).toEqual({});
    });

    it('neither authenticates nor throttles preflights, nor counts them as failed authentications', async () => {
      for (let n = 0; n < LIMIT * 3; n += 1) expect((await preflight(CONSOLE_ORIGIN, '198.51.100.1')).statusCode).toBe(204);
      expect((await get(GOOD_KEY, CONSOLE_ORIGIN, '198.51.100.1')).statusCode).toBe(200);

      for (let n = 0; n < LIMIT; n += 1) expect((await get(generateApiKeyToken(), CONSOLE_ORIGIN)).statusCode).toBe(401);
      const throttled = await get(GOOD_KEY, CONSOLE_ORIGIN);
      expect(throttled.statusCode).toBe(429);
      expect(throttled.headers['access-control-allow-origin']).toBe(CONSOLE_ORIGIN);
      expect(throttled.headers['retry-after']).toBeDefined();
      const stillAnswered = await preflight(CONSOLE_ORIGIN);
      expect(stillAnswered.statusCode).toBe(204);
      expect(stillAnswered.headers['access-control-allow-origin']).toBe(CONSOLE_ORIGIN);
    });
  });

  describe('with none listed (the default)', () => {
    beforeEach(async () => {
      app = await startApp([]);
    });

    afterEach(() => app.close());

    it('sends no CORS header and leaves preflights unrouted, as before', async () => {
      expect(corsOptions([])).toBeNull();
      const response = await preflight(CONSOLE_ORIGIN);
      expect(response.statusCode).toBe(404);
      expect(corsHeaders(response)).toEqual({});
      expect(corsHeaders(await get(GOOD_KEY, CONSOLE_ORIGIN))).toEqual({});
    });
  });
});
