import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { LightMyRequestResponse } from 'fastify';
import { HTTP_SERVER_OPTIONS } from '@hookline/http-api';
import { serveConsole, type ConsoleOptions } from './console.routes';

const INDEX = '<!doctype html><title>Hookline</title><script type="module" src="/console/assets/index-abc123.js"></script>';
const SECRET = '{"name":"not for the browser"}';

// What a Vite build leaves in dist/apps/console, one asset of each kind.
const assets: Record<string, [body: string, type: string]> = {
  'index-abc123.js': ['export const app = 1;', 'text/javascript; charset=utf-8'],
  'index-abc123.js.map': ['{"version":3}', 'application/json; charset=utf-8'],
  'index-def456.css': ['body{margin:0}', 'text/css; charset=utf-8'],
  'logo-1a2b3c.svg': ['<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml'],
  'badge-1a2b3c.png': ['\u0089PNG', 'image/png'],
  'inter-1a2b3c.woff2': ['wOF2', 'font/woff2'],
  'messages-1a2b3c.json': ['{"en":{}}', 'application/json; charset=utf-8'],
};

@Module({})
class EmptyModule {}

/** The registry's HTTP shell (Nest on Fastify, its server options) with the console routes on a temporary directory. */
async function consoleApp(options: ConsoleOptions): Promise<NestFastifyApplication> {
  const module = await Test.createTestingModule({ imports: [EmptyModule] }).compile();
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ ...HTTP_SERVER_OPTIONS }), { logger: false });
  serveConsole(app.getHttpAdapter().getInstance(), options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function expectSecurityHeaders(response: LightMyRequestResponse, connectSrc = "connect-src 'self';") {
  expect(response.headers).toMatchObject(SECURITY_HEADERS);
  const policy = String(response.headers['content-security-policy']);
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain(connectSrc);
  expect(policy).toContain("frame-ancestors 'none'");
}

/** A GET with its path sent exactly as given, over a loopback socket of an ephemeral port. */
async function rawGet(app: NestFastifyApplication, path: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const server = app.getHttpServer();
  if (!server.listening) await app.listen(0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.once('error', reject);
    request.end();
  });
}

function expectProblem(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expectSecurityHeaders(response);
  return response.json<{ type: string; status: number; detail: string }>();
}

describe('the console routes', () => {
  let root: string;
  let dir: string;
  let app: NestFastifyApplication;

  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    // <root>/package.json stands for what must never be served; <root>/console is the built console.
    root = await mkdtemp(join(tmpdir(), 'hookline-console-'));
    dir = join(root, 'console');
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(root, 'package.json'), SECRET);
    await writeFile(join(dir, 'index.html'), INDEX);
    for (const [file, [body]] of Object.entries(assets)) await writeFile(join(dir, 'assets', file), body);
    await symlink(join(root, 'package.json'), join(dir, 'assets', 'escape.js'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  describe('with a built console', () => {
    beforeAll(async () => {
      app = await consoleApp({ dir });
    });

    afterAll(() => app.close());

    it('redirects /console to /console/ permanently, keeping the query', async () => {
      const response = await get('/console');
      expect(response.statusCode).toBe(308);
      expect(response.headers.location).toBe('console/');
      expectSecurityHeaders(response);
      expect((await get('/console?lang=ar')).headers.location).toBe('console/?lang=ar');
    });

    it('serves index.html at /console/, revalidated on every load', async () => {
      const response = await get('/console/');
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(INDEX);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expectSecurityHeaders(response);
      expect((await get('/console/index.html')).body).toBe(INDEX);
    });

    it.each(['/console/webhooks', '/console/webhooks/sub_01KAW2Z3B4C5D6E7F8G9H0JKMN', '/console/events?type=order.created'])(
      'answers the app screen %s with index.html',
      async (url) => {
        const response = await get(url);
        expect(response.statusCode).toBe(200);
        expect(response.body).toBe(INDEX);
        expect(response.headers['cache-control']).toBe('no-cache');
        expectSecurityHeaders(response);
      },
    );

    it.each(Object.entries(assets))('serves assets/%s with its content type, cached for a year', async (file, [body, type]) => {
      const response = await get(`/console/assets/${file}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(body);
      expect(response.headers['content-type']).toBe(type);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expectSecurityHeaders(response);
    });

    it('answers HEAD like GET, without the body', async () => {
      const page = await app.inject({ method: 'HEAD', url: '/console/' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toBe('');
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expectSecurityHeaders(page);
      const asset = await app.inject({ method: 'HEAD', url: '/console/assets/index-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });

    it.each(['/console/assets/missing-abc.js', '/console/assets/', '/console/assets/fonts', '/console/favicon.ico', '/console/robots.txt'])(
      'answers %s with a 404 problem',
      async (url) => {
        expect(expectProblem(await get(url), 404)).toMatchObject({ type: 'urn:hookline:problem:not-found', status: 404 });
      },
    );

    it.each([
      '/console/../package.json',
      '/console/assets/../../package.json',
      '/console/assets/..%2f..%2fpackage.json',
      '/console/assets/..%2F..%2Fpackage.json',
      '/console/%2e%2e/x',
      '/console/%2e%2e/package.json',
      '/console/assets/%2e%2e/%2e%2e/package.json',
      '/console/assets/..%5c..%5cpackage.json',
      '/console/assets/%252e%252e/%252e%252e/package.json',
      '/console/assets/index-abc123.js%00.png',
      '/console/assets/escape.js',
    ])('serves nothing outside the directory for %s', async (url) => {
      const response = await get(url);
      expect(response.body).not.toContain('not for the browser');
      expect(response.statusCode).toBe(404);
    });

    // inject() parses its URL as a browser would, folding dot segments (`%2e%2e` included) away before
    // routing; a raw client such as `curl --path-as-is` sends them as they are, so these go over a socket.
    it.each(['/console/../package.json', '/console/assets/../../package.json', '/console/%2e%2e/package.json', '/console/assets/%2e%2e/%2e%2e/package.json', '/console/assets/.%2e/.%2e/package.json'])(
      'refuses the raw path %s itself',
      async (path) => {
        const response = await rawGet(app, path);
        expect(response.body).not.toContain('not for the browser');
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.headers['content-security-policy']).toBeDefined();
      },
    );

    it('tells the console that no ingest URL is configured, revalidated on every load', async () => {
      const response = await get('/console/config.json');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ingestUrl: null });
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expectSecurityHeaders(response);
    });

    it('leaves the rest of the server alone', async () => {
      expect((await get('/consoles')).statusCode).toBe(404);
      expect((await get('/v1/console')).headers['content-security-policy']).toBeUndefined();
    });
  });

  describe('with an ingest URL', () => {
    beforeAll(async () => {
      app = await consoleApp({ dir, ingestUrl: 'http://127.0.0.1:8081' });
    });

    afterAll(() => app.close());

    it('gives the console the ingest URL and lets it fetch from that origin', async () => {
      const response = await get('/console/config.json');
      expect(response.json()).toEqual({ ingestUrl: 'http://127.0.0.1:8081' });
      for (const url of ['/console/config.json', '/console/', '/console/assets/index-abc123.js', '/console/assets/missing.js']) {
        expectSecurityHeaders(await get(url), "connect-src 'self' http://127.0.0.1:8081;");
      }
    });
  });

  describe('before the console is built', () => {
    beforeAll(async () => {
      const empty = join(root, 'not-built');
      await mkdir(empty, { recursive: true });
      app = await consoleApp({ dir: empty });
    });

    afterAll(() => app.close());

    it.each(['/console/', '/console/webhooks'])('answers %s with a 503 problem saying how to build it', async (url) => {
      const problem = expectProblem(await get(url), 503);
      expect(problem).toMatchObject({ type: 'urn:hookline:problem:unavailable', status: 503 });
      expect(problem.detail).toContain('npm run build');
    });

    it('still answers config.json, and 404 for assets', async () => {
      expect((await get('/console/config.json')).statusCode).toBe(200);
      expectProblem(await get('/console/assets/index-abc123.js'), 404);
    });
  });
});
