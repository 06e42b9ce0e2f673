import { originProblem } from './cors-origins';
import { loadConfig } from './load-config';
import { dispatcherConfigSchema, ingestConfigSchema, registryConfigSchema } from './service-config';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/hookline' };

describe('originProblem', () => {
  it.each(['http://127.0.0.1:8080', 'http://localhost:8080', 'https://console.example.com', 'https://console.example.com:8443', 'http://[::1]:8080'])(
    'accepts the origin %s',
    (origin) => {
      expect(originProblem(origin)).toBeNull();
    },
  );

  it.each([
    ['127.0.0.1:8080', /is not a URL/],
    ['console.example.com', /is not a URL/],
    ['ftp://files.example.com', /is not http or https/],
    ['https://user:secret@console.example.com', /has credentials/],
    ['https://console.example.com/', /write https:\/\/console\.example\.com\)/],
    ['https://console.example.com/console', /has a path/],
    ['https://console.example.com?x=1', /has a path, query or fragment/],
    ['https://Console.Example.com', /not written as browsers send it \(write https:\/\/console\.example\.com\)/],
    ['https://console.example.com:443', /write https:\/\/console\.example\.com\)/],
    ['*', /is not a URL/],
  ])('refuses %s', (entry, message) => {
    expect(originProblem(entry)).toMatch(message);
  });
});

describe('HOOKLINE_CORS_ORIGINS', () => {
  it('is no origin at all when unset or empty', () => {
    expect(loadConfig(ingestConfigSchema, base).HOOKLINE_CORS_ORIGINS).toEqual([]);
    expect(loadConfig(ingestConfigSchema, { ...base, HOOKLINE_CORS_ORIGINS: ' , ' }).HOOKLINE_CORS_ORIGINS).toEqual([]);
  });

  it('reads a comma-separated list, trimmed and without repeats', () => {
    const config = loadConfig(ingestConfigSchema, { ...base, HOOKLINE_CORS_ORIGINS: 'http://127.0.0.1:8080, http://localhost:8080,http://127.0.0.1:8080' });
    expect(config.HOOKLINE_CORS_ORIGINS).toEqual(['http://127.0.0.1:8080', 'http://localhost:8080']);
  });

  it('is read by every service', () => {
    const env = { ...base, HOOKLINE_CORS_ORIGINS: 'https://console.example.com', HOOKLINE_ENCRYPTION_KEY: 'ab'.repeat(32), HOOKLINE_ADMIN_TOKEN: 'a'.repeat(32) };
    expect(loadConfig(registryConfigSchema, env).HOOKLINE_CORS_ORIGINS).toEqual(['https://console.example.com']);
    expect(loadConfig(dispatcherConfigSchema, env).HOOKLINE_CORS_ORIGINS).toEqual(['https://console.example.com']);
  });

  it('names the variable and every bad entry at start-up', () => {
    expect(() => loadConfig(ingestConfigSchema, { ...base, HOOKLINE_CORS_ORIGINS: 'http://127.0.0.1:8080,http://localhost:8080/console/,example.com' })).toThrow(
      /HOOKLINE_CORS_ORIGINS: must be comma-separated origins.*http:\/\/localhost:8080\/console\/ has a path.*; example\.com is not a URL/,
    );
  });
});

describe('the console settings of the registry', () => {
  const registry = { ...base, HOOKLINE_ENCRYPTION_KEY: 'ab'.repeat(32), HOOKLINE_ADMIN_TOKEN: 'a'.repeat(32) };

  it('are unset by default, and when empty', () => {
    const config = loadConfig(registryConfigSchema, { ...registry, HOOKLINE_CONSOLE_INGEST_URL: '', HOOKLINE_CONSOLE_DIR: ' ' });
    expect(config.HOOKLINE_CONSOLE_INGEST_URL).toBeUndefined();
    expect(config.HOOKLINE_CONSOLE_DIR).toBeUndefined();
  });

  it('take an absolute http(s) ingest URL and a directory', () => {
    const config = loadConfig(registryConfigSchema, { ...registry, HOOKLINE_CONSOLE_INGEST_URL: 'https://ingest.example.com', HOOKLINE_CONSOLE_DIR: '/srv/console' });
    expect(config.HOOKLINE_CONSOLE_INGEST_URL).toBe('https://ingest.example.com');
    expect(config.HOOKLINE_CONSOLE_DIR).toBe('/srv/console');
  });

  it.each(['ingest.example.com', '/v1/events', 'ftp://ingest.example.com'])('name HOOKLINE_CONSOLE_INGEST_URL when it is %j', (value) => {
    expect(() => loadConfig(registryConfigSchema, { ...registry, HOOKLINE_CONSOLE_INGEST_URL: value })).toThrow(/HOOKLINE_CONSOLE_INGEST_URL: must be an absolute http\(s\) URL/);
  });
});
