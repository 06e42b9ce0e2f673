import { ConfigError, loadConfig } from './load-config';
import { ingestConfigSchema, registryConfigSchema } from './service-config';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/hookline' };

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig(ingestConfigSchema, base);
    expect(config.HOOKLINE_HTTP_PORT).toBe(8081);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.HOOKLINE_MAX_PAYLOAD_BYTES).toBe(262144);
  });

  it('names every bad variable and what it got', () => {
    let error: unknown;
    try {
      loadConfig(ingestConfigSchema, { ...base, HOOKLINE_HTTP_PORT: 'eighty', KAFKA_BROKERS: 'nohost' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('HOOKLINE_HTTP_PORT');
    expect(message).toContain('"eighty"');
    expect(message).toContain('KAFKA_BROKERS');
  });

  it('names a missing required variable', () => {
    expect(() => loadConfig(ingestConfigSchema, {})).toThrow(/DATABASE_URL: .*not set/);
  });

  it('rejects an encryption key of the wrong size', () => {
    expect(() =>
      loadConfig(registryConfigSchema, {
        ...base,
        HOOKLINE_ADMIN_TOKEN: 'a'.repeat(32),
        HOOKLINE_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64'),
      }),
    ).toThrow(/HOOKLINE_ENCRYPTION_KEY: must decode to exactly 32 bytes/);
  });

  it('reads flags and hex keys', () => {
    const config = loadConfig(registryConfigSchema, {
      ...base,
      HOOKLINE_ADMIN_TOKEN: 'a'.repeat(32),
      HOOKLINE_ENCRYPTION_KEY: 'ab'.repeat(32),
      HOOKLINE_ALLOW_INSECURE_URLS: 'true',
    });
    expect(config.HOOKLINE_ENCRYPTION_KEY).toHaveLength(32);
    expect(config.HOOKLINE_ALLOW_INSECURE_URLS).toBe(true);
    expect(config.HOOKLINE_ALLOW_PRIVATE_NETWORKS).toBe(false);
  });
});
