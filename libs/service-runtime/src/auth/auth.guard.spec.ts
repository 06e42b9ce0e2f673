import { Controller, Get, Global, Module, type INestApplication } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { createServiceMetrics, SERVICE_METRICS, type ServiceMetrics } from '@hookline/observability';
import { generateApiKeyToken, hashApiKeyToken } from './api-key-token';
import { CurrentPrincipal } from './auth.guard';
import { HttpApiModule } from './http-api.module';
import { RequireAuth, type Principal } from './principal';

const ADMIN_TOKEN = 'admin-token-of-the-operator';
const GOOD_KEY = generateApiKeyToken();
const LIMIT = 3;

@Controller('v1/things')
class ThingsController {
  @Get()
  @RequireAuth('tenant')
  list(@CurrentPrincipal() principal: Principal): { tenantId: string } {
    return { tenantId: principal.tenantId };
  }

  @Get('admin')
  @RequireAuth('admin')
  admin(): { ok: boolean } {
    return { ok: true };
  }

  @Get('open')
  open(): { ok: boolean } {
    return { ok: true };
  }
}

/** Stands in for Postgres (one known key) and the service's metrics registry. */
function infrastructure(metrics: ServiceMetrics) {
  const dataSource = {
    query: async (_sql: string, [hash]: string[]) => (hash === hashApiKeyToken(GOOD_KEY) ? [{ id: 'key_1', tenant_id: 'ten_1' }] : []),
  };
  @Global()
  @Module({
    providers: [
      { provide: DataSource, useValue: dataSource },
      { provide: SERVICE_METRICS, useValue: metrics },
    ],
    exports: [DataSource, SERVICE_METRICS],
  })
  class InfrastructureModule {}
  return InfrastructureModule;
}

describe('AuthGuard over HTTP', () => {
  let app: INestApplication;
  let metrics: ServiceMetrics;

  beforeEach(async () => {
    metrics = createServiceMetrics('spec');
    const module = await Test.createTestingModule({
      imports: [infrastructure(metrics), HttpApiModule.forRoot({ adminToken: ADMIN_TOKEN, failureLimits: { limit: LIMIT, windowSeconds: 60 } })],
      controllers: [ThingsController],
    }).compile();
    app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.init();
    await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  });

  afterEach(() => app.close());

  const get = (url: string, token: string | undefined, remoteAddress = '203.0.113.7') =>
    (app as NestFastifyApplication)
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url, remoteAddress, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

  const sample = async (name: string, labels: Record<string, string> = {}) => {
    const metric = (await metrics.registry.getMetricsAsJSON()).find((entry) => entry.name === name);
    const value = metric?.values.find((entry) => Object.entries(labels).every(([key, label]) => entry.labels[key] === label));
    return value?.value ?? 0;
  };

  it('answers 401 up to the limit, then 429 with Retry-After to every token, good or bad', async () => {
    for (let n = 0; n < LIMIT; n += 1) expect((await get('/v1/things', generateApiKeyToken())).statusCode).toBe(401);

    const throttled = await get('/v1/things', generateApiKeyToken());
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['content-type']).toContain('application/problem+json');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(59);
    expect(throttled.json()).toMatchObject({ type: 'urn:hookline:problem:too-many-requests', status: 429 });

    const good = await get('/v1/things', GOOD_KEY);
    expect(good.statusCode).toBe(429);
    expect(good.body).toBe(throttled.body);
  });

  it('throttles only the address that failed', async () => {
    for (let n = 0; n < LIMIT; n += 1) await get('/v1/things', undefined, '203.0.113.7');
    expect((await get('/v1/things', GOOD_KEY, '203.0.113.7')).statusCode).toBe(429);
    expect((await get('/v1/things', GOOD_KEY, '198.51.100.1')).json()).toEqual({ tenantId: 'ten_1' });
    expect((await get('/v1/things/open', undefined, '203.0.113.7')).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For from a proxy it was not told to trust', async () => {
    const inject = (forwardedFor: string) =>
      (app as NestFastifyApplication)
        .getHttpAdapter()
        .getInstance()
        .inject({ method: 'GET', url: '/v1/things', remoteAddress: '203.0.113.7', headers: { 'x-forwarded-for': forwardedFor } });
    for (let n = 0; n < LIMIT; n += 1) await inject(`198.51.100.${n}`);
    expect((await inject('198.51.100.200')).statusCode).toBe(429);
  });

  it('counts a bad admin token, and a tenant key on an admin route, like any other failure', async () => {
    await get('/v1/things/admin', 'not-the-admin-token');
    await get('/v1/things/admin', GOOD_KEY);
    await get('/v1/things', undefined);
    expect((await get('/v1/things/admin', ADMIN_TOKEN)).statusCode).toBe(429);
  });

  it('does not let successes wipe out failures', async () => {
    for (let n = 0; n < LIMIT - 1; n += 1) await get('/v1/things', 'garbage');
    expect((await get('/v1/things', GOOD_KEY)).statusCode).toBe(200);
    await get('/v1/things', 'garbage');
    expect((await get('/v1/things', GOOD_KEY)).statusCode).toBe(429);
  });

  it('counts failures by reason and refusals in their own series', async () => {
    await get('/v1/things', undefined);
    await get('/v1/things', 'garbage');
    await get('/v1/things/admin', 'garbage');
    await get('/v1/things', GOOD_KEY);
    expect(await sample('hookline_auth_failures_total', { reason: 'missing_token' })).toBe(1);
    expect(await sample('hookline_auth_failures_total', { reason: 'invalid_api_key' })).toBe(1);
    expect(await sample('hookline_auth_failures_total', { reason: 'invalid_admin_token' })).toBe(1);
    expect(await sample('hookline_auth_throttled_total')).toBe(1);
  });
});
