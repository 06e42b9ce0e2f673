import { ConfigError, loadConfig } from './load-config';
import { dispatcherConfigSchema, ingestConfigSchema, registryConfigSchema } from './service-config';

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

  it('throttles failed authentications by default, and names a bad limit or proxy list', () => {
    expect(loadConfig(ingestConfigSchema, base)).toMatchObject({
      HOOKLINE_AUTH_FAILURE_LIMIT: 20,
      HOOKLINE_AUTH_FAILURE_WINDOW_SECONDS: 60,
      HOOKLINE_TRUSTED_PROXIES: [],
    });
    expect(loadConfig(ingestConfigSchema, { ...base, HOOKLINE_AUTH_FAILURE_LIMIT: '0', HOOKLINE_TRUSTED_PROXIES: '10.0.0.0/8, uniquelocal,::1' })).toMatchObject({
      HOOKLINE_AUTH_FAILURE_LIMIT: 0,
      HOOKLINE_TRUSTED_PROXIES: ['10.0.0.0/8', 'uniquelocal', '::1'],
    });
    expect(() => loadConfig(ingestConfigSchema, { ...base, HOOKLINE_AUTH_FAILURE_LIMIT: '-1' })).toThrow(/HOOKLINE_AUTH_FAILURE_LIMIT: must be 0 \(off\) or more/);
    expect(() => loadConfig(ingestConfigSchema, { ...base, HOOKLINE_AUTH_FAILURE_WINDOW_SECONDS: '0' })).toThrow(/HOOKLINE_AUTH_FAILURE_WINDOW_SECONDS/);
    expect(() => loadConfig(ingestConfigSchema, { ...base, HOOKLINE_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/HOOKLINE_TRUSTED_PROXIES\.0: must list IP addresses/);
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

  describe('HOOKLINE_DNS_SERVERS', () => {
    const dispatcher = { ...base, HOOKLINE_ENCRYPTION_KEY: 'ab'.repeat(32) };

    it('is the system resolver when unset or empty', () => {
      expect(loadConfig(dispatcherConfigSchema, dispatcher).HOOKLINE_DNS_SERVERS).toBeUndefined();
      expect(loadConfig(dispatcherConfigSchema, { ...dispatcher, HOOKLINE_DNS_SERVERS: ' ' }).HOOKLINE_DNS_SERVERS).toBeUndefined();
    });

    it('reads ip, ip:port and [ipv6]:port entries', () => {
      const config = loadConfig(dispatcherConfigSchema, {
        ...dispatcher,
        HOOKLINE_DNS_SERVERS: '10.96.0.10, 127.0.0.1:5353,2001:db8::53,[2001:db8::53]:5353',
      });
      expect(config.HOOKLINE_DNS_SERVERS).toEqual(['10.96.0.10', '127.0.0.1:5353', '2001:db8::53', '[2001:db8::53]:5353']);
    });

    it.each(['dns.example.com', '10.0.0.1:0', '10.0.0.1:70000', 'fe80::1%eth0', '2001:db8::53:5353:x', '[10.0.0.1]:53'])('names the variable and the bad entry %j', (entry) => {
      expect(() => loadConfig(dispatcherConfigSchema, { ...dispatcher, HOOKLINE_DNS_SERVERS: `10.0.0.1,${entry}` })).toThrow(
        new RegExp(`HOOKLINE_DNS_SERVERS: must be comma-separated IP addresses.*; not ${entry.replace(/[.[\]]/g, '\\$&')} \\(got`),
      );
    });
  });
});
