import { join, resolve } from 'node:path';
import { consoleTarget, contentTypeOf, defaultConsoleDir, fileInside } from './console-files';
import { consoleSecurityHeaders } from './console-security-headers';

describe('defaultConsoleDir', () => {
  it('is dist/apps/console beside the compiled registry, in the repository and in the image', () => {
    expect(defaultConsoleDir('/work/hookline/dist/apps/registry/src/console')).toBe('/work/hookline/dist/apps/console');
    expect(defaultConsoleDir('/app/dist/apps/registry/src/console')).toBe('/app/dist/apps/console');
  });

  it('is the same directory when the registry runs from its sources, never the console’s sources', () => {
    expect(defaultConsoleDir('/work/hookline/apps/registry/src/console')).toBe('/work/hookline/dist/apps/console');
    expect(defaultConsoleDir()).toBe(resolve(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'console'));
  });
});

describe('consoleTarget', () => {
  it.each([
    ['', { kind: 'index' }],
    ['index.html', { kind: 'index' }],
    ['webhooks', { kind: 'index' }],
    ['webhooks/sub_01KAW2Z3B4C5D6E7F8G9H0JKMN', { kind: 'index' }],
    ['config.json', { kind: 'config' }],
    ['assets/index-BdPU5k4g.js', { kind: 'asset', path: 'assets/index-BdPU5k4g.js' }],
    ['assets/fonts/inter%20var.woff2', { kind: 'asset', path: 'assets/fonts/inter var.woff2' }],
    ['favicon.ico', { kind: 'not-found' }],
    ['webhooks/v1.2', { kind: 'not-found' }],
  ])('reads %j', (path, target) => {
    expect(consoleTarget(path)).toEqual(target);
  });

  it.each([
    '../package.json',
    '..',
    'assets/../../package.json',
    'assets/..%2f..%2fpackage.json',
    'assets/%2e%2e/%2e%2e/package.json',
    '%2e%2e/x',
    '%2E%2E/x',
    'assets/.%2e/x.js',
    'assets/./index.js',
    'assets/..%5c..%5cpackage.json',
    'assets/x%00.js',
    'assets/%E0%A4%A.js',
  ])('refuses %j, whatever its spelling', (path) => {
    expect(consoleTarget(path)).toEqual({ kind: 'not-found' });
  });

  it('decodes once: a doubly encoded dot segment stays a harmless file name', () => {
    expect(consoleTarget('assets/%252e%252e/x.js')).toEqual({ kind: 'asset', path: 'assets/%2e%2e/x.js' });
  });
});

describe('fileInside', () => {
  it('keeps a file inside the directory and refuses any other', () => {
    expect(fileInside('/srv/console', 'assets/app.js')).toBe(join('/srv/console', 'assets', 'app.js'));
    expect(fileInside('/srv/console/', 'assets/app.js')).toBe(join('/srv/console', 'assets', 'app.js'));
    expect(fileInside('/srv/console', 'assets/../../etc/passwd')).toBeNull();
    expect(fileInside('/srv/console', '/etc/passwd')).toBeNull();
    expect(fileInside('/srv/console', '')).toBeNull();
    expect(fileInside('/srv/console', '../console-other/x.js')).toBeNull();
  });
});

describe('contentTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/logo-abc.svg', 'image/svg+xml'],
    ['assets/logo-abc.PNG', 'image/png'],
    ['assets/inter-abc.woff2', 'font/woff2'],
    ['assets/messages-abc.json', 'application/json; charset=utf-8'],
    ['assets/index-abc.js.map', 'application/json; charset=utf-8'],
    ['assets/blob-abc.bin', 'application/octet-stream'],
    ['assets/no-extension', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeOf(file)).toBe(type);
  });
});

describe('consoleSecurityHeaders', () => {
  it('allows the registry itself only, without an ingest URL', () => {
    expect(consoleSecurityHeaders(undefined)).toEqual({
      'content-security-policy':
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
  });

  it('lets the console fetch from ingest’s origin, not its path', () => {
    expect(consoleSecurityHeaders('https://ingest.example.com:8443/api/')['content-security-policy']).toContain(
      "connect-src 'self' https://ingest.example.com:8443;",
    );
  });
});
